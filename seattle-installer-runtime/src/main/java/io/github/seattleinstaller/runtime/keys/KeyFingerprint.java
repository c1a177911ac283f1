package io.github.seattleinstaller.runtime.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a public key's X.509 SubjectPublicKeyInfo (DER) encoding, as lowercase hex. Anyone can
 * recompute it with {@code openssl pkey -pubin -in key.pem -outform DER | sha256sum}.
 */
public record KeyFingerprint(String hex) {
    public static final String RULE =
            "a key fingerprint is 64 hex digits (SHA-256), optionally prefixed 'sha256:' and separated by colons";

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public KeyFingerprint {
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException(RULE);
        }
    }

    public static KeyFingerprint of(PublicKey key) {
        try {
            return new KeyFingerprint(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getEncoded())));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JDK", impossible);
        }
    }

    /**
     * Reads a fingerprint as a user would paste it: any case, with or without {@code sha256:} and colons.
     *
     * @throws IllegalArgumentException naming {@link #RULE}
     */
    public static KeyFingerprint parse(String text) {
        String normalized = text.strip().toLowerCase(Locale.ROOT);
        if (normalized.startsWith("sha256:")) {
            normalized = normalized.substring("sha256:".length());
        }
        normalized = normalized.replace(":", "");
        if (!HEX64.matcher(normalized).matches()) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a key fingerprint: " + RULE);
        }
        return new KeyFingerprint(normalized);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
