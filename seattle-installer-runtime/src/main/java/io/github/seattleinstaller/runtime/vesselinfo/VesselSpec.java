package io.github.seattleinstaller.runtime.vesselinfo;

import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.util.List;
import java.util.Objects;

/**
 * One vessel of a {@code vesselinfo}: its share of the donation, in percent, the key that owns it and the
 * keys that may use it. The percentage is checked by {@link VesselInfo}, which sees all vessels and so can
 * report every problem at once.
 *
 * @param percent the vessel's share of the donated resources
 * @param owner   the owner's public key
 * @param users   the users' public keys, possibly none; an immutable copy
 */
public record VesselSpec(int percent, SeattlePublicKey owner, List<SeattlePublicKey> users) {

    public VesselSpec {
        Objects.requireNonNull(owner, "owner");
        users = List.copyOf(users);
    }
}
