package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.output.SignedArchive;

/** One installer written for one donor and platform, with its {@code .sha256} and {@code .sig}. */
public record CustomizedInstaller(String donor, Platform platform, SignedArchive files) {

    /** The Maven classifier to attach it with: {@code <donor>-<platform>}. */
    public String classifier() {
        return donor + "-" + platform.classifier();
    }
}
