package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import java.util.Objects;

/**
 * One donor read from files: the name (unique ignoring case among the donors it was read with), the
 * validated vessels, and where it was given. {@code new CustomizeRequest.Donor(name(), vesselInfo())} is
 * what a customization takes.
 *
 * @param name       the donor's name, used in file names and classifiers
 * @param vesselInfo the donor's vessels, valid by the installer's rules
 * @param origin     where the donor was given, for messages: a file's path, or a table's path and line
 */
public record DonorSplit(DonorName name, VesselInfo vesselInfo, String origin) {
    public DonorSplit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vesselInfo, "vesselInfo");
        Objects.requireNonNull(origin, "origin");
    }
}
