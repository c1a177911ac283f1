package io.github.seattleinstaller.builder.layout;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The donor's {@code README.txt}: what the installer is, how to run it on each system, its options and
 * exit codes, the Java it needs, where it writes the node's state, and the operator key fingerprint to
 * compare with the one the operator publishes.
 */
public final class DonorReadme {
    private DonorReadme() {
    }

    public static byte[] text(KeyFingerprint operatorKey) {
        return Templates.render("README.txt.template", Map.of("@KEY_FINGERPRINT@", operatorKey.toString()))
                .getBytes(StandardCharsets.UTF_8);
    }
}
