package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import org.apache.maven.plugin.MojoFailureException;

import java.util.Optional;

/** The {@code <expectedKeyFingerprint>} parameter of {@code customize} and {@code verify}. */
final class ExpectedKeyFingerprint {
    static final String PARAMETER = "expectedKeyFingerprint";

    private ExpectedKeyFingerprint() {
    }

    /** The fingerprint given, or none when the parameter is unset or blank. */
    static Optional<KeyFingerprint> parse(String value) throws MojoFailureException {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFingerprint.parse(value));
        } catch (IllegalArgumentException e) {
            throw AbstractSeattleMojo.parameterProblem(PARAMETER, e.getMessage());
        }
    }
}
