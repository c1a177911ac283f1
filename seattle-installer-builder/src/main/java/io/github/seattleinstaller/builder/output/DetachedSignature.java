package io.github.seattleinstaller.builder.output;

/**
 * The {@code .sig} file beside an archive: a SHA256withRSA (PKCS#1 v1.5) signature of the archive's bytes,
 * made and checked with {@link io.github.seattleinstaller.runtime.keys.Sha256WithRsa}, which
 * {@code openssl dgst -sha256 -verify operator.pub.pem -signature X.sig X} accepts.
 */
public final class DetachedSignature {
    public static final String EXTENSION = ".sig";

    private DetachedSignature() {
    }
}
