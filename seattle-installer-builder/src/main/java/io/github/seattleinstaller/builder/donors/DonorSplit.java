package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import java.util.Objects;

/**
 * One donor read from files: the name (valid by the donor-name rule, unique ignoring case among the donors
 * it was read with), the validated vessels, and where it was given.
 *
 * @param name       the donor's name, used in file names and classifiers
 * @param vesselInfo the donor's vessels, valid by the installer's rules
 * @param origin     where the donor was given, for messages: a file's path, or a table's path and line
 */
public record DonorSplit(String name, VesselInfo vesselInfo, String origin) {
    public DonorSplit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vesselInfo, "vesselInfo");
        Objects.requireNonNull(origin, "origin");
    }
}
