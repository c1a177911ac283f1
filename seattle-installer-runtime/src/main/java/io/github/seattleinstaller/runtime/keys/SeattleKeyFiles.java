package io.github.seattleinstaller.runtime.keys;

import java.nio.charset.StandardCharsets;

/**
 * Seattle's {@code *.publickey} and {@code *.privatekey} files: the key text with no trailing newline.
 * They are read back with {@link SeattlePublicKey#parse} and {@link SeattlePrivateKey#parse}, which tolerate
 * the surrounding whitespace that editing by hand leaves (the builder's key readers do so).
 */
public final class SeattleKeyFiles {
    private SeattleKeyFiles() {
    }

    /** The bytes of a {@code .publickey} file. */
    public static byte[] publicKeyFileContent(SeattlePublicKey key) {
        return key.toText().getBytes(StandardCharsets.US_ASCII);
    }

    /** The bytes of a {@code .privatekey} file. */
    public static byte[] privateKeyFileContent(SeattlePrivateKey key) {
        return key.toText().getBytes(StandardCharsets.US_ASCII);
    }
}
