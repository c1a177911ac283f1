package io.github.seattleinstaller.runtime.donation;

import io.github.seattleinstaller.runtime.resources.ResourceAmounts;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;

import java.util.List;
import java.util.Objects;

/**
 * What one vessel is given.
 *
 * @param name      "v1", "v2", ... in vesselinfo order: the names of its resource file and directory
 * @param spec      the vessel as vesselinfo describes it (percentage and keys)
 * @param resources its share of the donation
 * @param ports     its ports, ascending; each is both a messport and a connport
 */
public record VesselPlan(String name, VesselSpec spec, ResourceAmounts resources, List<Integer> ports) {
    public VesselPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(resources, "resources");
        ports = List.copyOf(ports);
    }
}
