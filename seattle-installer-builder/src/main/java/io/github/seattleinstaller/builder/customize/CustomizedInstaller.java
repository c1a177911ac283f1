package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.output.SignedArchive;

/**
 * One installer written for one donor and platform, with its {@code .sha256} and {@code .sig}.
 *
 * @param donor            the donor's name
 * @param platform         the platform it is for
 * @param files            where the installer and its sidecars are
 * @param size             the installer's length in bytes
 * @param sha256Hex        the installer's SHA-256
 * @param vesselinfoSha256 the SHA-256 of the donor's vesselinfo inside it
 */
public record CustomizedInstaller(String donor, Platform platform, SignedArchive files, long size, String sha256Hex,
        String vesselinfoSha256) {

    /** The Maven classifier to attach it with: {@code <donor>-<platform>}. */
    public String classifier() {
        return donor + "-" + platform.classifier();
    }
}
