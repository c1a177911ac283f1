package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a customization wrote, for its closing log paragraph.
 *
 * @param donors      how many donors
 * @param installers  how many installers (donors times platforms)
 * @param bytes       the installers' total size
 * @param elapsed     the time from the first check to the last file moved into place
 * @param operatorKey the key every installer and vesselinfo is signed with
 * @param manifests   the manifest files written beside the installers, if any were asked for
 */
public record CustomizeSummary(int donors, int installers, long bytes, Duration elapsed, KeyFingerprint operatorKey,
        List<Path> manifests) {
    public CustomizeSummary {
        manifests = List.copyOf(manifests);
    }
}
