package io.github.seattleinstaller.runtime.filelist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The size and SHA-256 (lowercase hex) of one file's content. */
public record FileDigest(long size, String sha256) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public FileDigest {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lowercase hex SHA-256: " + sha256);
        }
    }

    public static FileDigest of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /** Digests the stream to its end; does not close it. */
    public static FileDigest of(InputStream in) throws IOException {
        MessageDigest sha256 = newSha256();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        for (int read; (read = in.read(buffer)) != -1; ) {
            sha256.update(buffer, 0, read);
            size += read;
        }
        return new FileDigest(size, HexFormat.of().formatHex(sha256.digest()));
    }

    public static FileDigest of(byte[] content) {
        return new FileDigest(content.length, HexFormat.of().formatHex(newSha256().digest(content)));
    }

    /** The raw 32-byte SHA-256 of {@code content}. */
    public static byte[] sha256Of(byte[] content) {
        return newSha256().digest(content);
    }

    /** A fresh SHA-256 digest, for callers that hash in pieces. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JDK", impossible);
        }
    }
}
