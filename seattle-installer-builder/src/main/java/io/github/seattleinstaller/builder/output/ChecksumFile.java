package io.github.seattleinstaller.builder.output;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .sha256} file beside an archive, in {@code sha256sum} format: {@code <hex>  <file name>} and
 * a newline, so that {@code sha256sum -c X.sha256} checks the archive next to it.
 */
public final class ChecksumFile {
    public static final String EXTENSION = ".sha256";

    /** sha256sum writes two spaces (text mode) or a space and a star (binary mode). */
    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)\n?");

    private ChecksumFile() {
    }

    public static byte[] content(String sha256Hex, String fileName) {
        return (sha256Hex + "  " + fileName + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Null if the checksum file vouches for this file with this digest, else what is wrong.
     */
    public static String problem(byte[] checksumFile, String fileName, String sha256Hex) {
        Matcher line = LINE.matcher(new String(checksumFile, StandardCharsets.UTF_8));
        if (!line.matches()) {
            return "it is not one line '<sha256>  <file name>'";
        }
        if (!line.group(2).equals(fileName)) {
            return "it is for '" + line.group(2) + "', not '" + fileName + "'";
        }
        if (!line.group(1).equalsIgnoreCase(sha256Hex)) {
            return "the archive's SHA-256 is " + sha256Hex + ", not the " + line.group(1) + " it records";
        }
        return null;
    }
}
