package io.github.seattleinstaller.runtime.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Seattle's {@code *.publickey} and {@code *.privatekey} files: the key text with no trailing newline.
 * Reading tolerates surrounding whitespace, since such files are often edited by hand.
 */
public final class SeattleKeyFiles {
    private SeattleKeyFiles() {
    }

    public static SeattlePublicKey readPublicKey(Path file) throws IOException, KeyFormatException {
        try {
            return SeattlePublicKey.parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (KeyFormatException e) {
            throw new KeyFormatException(e.rule(), file + ": " + e.detail());
        }
    }

    public static SeattlePrivateKey readPrivateKey(Path file) throws IOException, KeyFormatException {
        try {
            return SeattlePrivateKey.parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (KeyFormatException e) {
            throw new KeyFormatException(e.rule(), file + ": " + e.detail());
        }
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
