package io.github.seattleinstaller.builder.base;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.output.SignedArchive;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The base installers of a build.
 *
 * @param upToDate        true if nothing was built because the outputs already matched the inputs
 * @param operatorKey     the fingerprint of the key that signed them
 * @param installers      each platform's archive, {@code .sha256} and {@code .sig}
 * @param fingerprintFile the file beside them recording what they were built from
 */
public record BaseInstallerResult(boolean upToDate, KeyFingerprint operatorKey, Map<Platform, SignedArchive> installers,
        Path fingerprintFile) {

    public BaseInstallerResult {
        installers = Collections.unmodifiableMap(new EnumMap<>(installers));
    }
}
