package io.github.seattleinstaller.runtime.donation;

import io.github.seattleinstaller.runtime.resources.ResourceAmounts;

import java.util.List;
import java.util.Objects;

/**
 * How a donation is split into vessels: the figures of every step of reference section 5, kept so that
 * the installer can log how it got there.
 *
 * @param donatedPercent the share of the machine donated, 0 &lt; donatedPercent &lt;= 100
 * @param maxima  what the machine has (measured or default)
 * @param donated the donated share after every vessel's offcut was subtracted
 * @param tenth   one tenth of {@code donated}; a vessel of P% gets P/10 of them
 * @param vessels one plan per vessel, in vesselinfo order
 */
public record InstallPlan(double donatedPercent, ResourceAmounts maxima, ResourceAmounts donated, ResourceAmounts tenth,
        List<VesselPlan> vessels) {
    public InstallPlan {
        Objects.requireNonNull(maxima, "maxima");
        Objects.requireNonNull(donated, "donated");
        Objects.requireNonNull(tenth, "tenth");
        vessels = List.copyOf(vessels);
    }
}
