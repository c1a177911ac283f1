package io.github.seattleinstaller.runtime.vesselinfo;

import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.util.List;

public record VesselSpec(int percent, SeattlePublicKey owner, List<SeattlePublicKey> users) {
    public VesselSpec {
        users = List.copyOf(users);
    }
}
