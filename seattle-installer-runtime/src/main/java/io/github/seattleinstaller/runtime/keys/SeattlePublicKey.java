package io.github.seattleinstaller.runtime.keys;

import io.github.seattleinstaller.runtime.input.InputProblem;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An RSA public key in Seattle's text form {@code "<e> <n>"}: two decimal integers with 1 &lt; e &lt; n.
 */
public record SeattlePublicKey(BigInteger e, BigInteger n) {
    public static final String TEXT_RULE = "a public key is two decimal integers 'e n' with 1 < e < n";

    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");

    public SeattlePublicKey {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(n, "n");
        if (e.compareTo(BigInteger.ONE) <= 0 || e.compareTo(n) >= 0) {
            throw new IllegalArgumentException("not an RSA public key: need 1 < e < n");
        }
    }

    /**
     * Reads {@code "e n"}. Surrounding whitespace is tolerated (key files often gain a trailing newline);
     * inside, the two numbers are separated by whitespace.
     */
    public static SeattlePublicKey parse(String text) throws KeyFormatException {
        String[] fields = text.strip().split("\\s+");
        if (fields.length != 2 || fields[0].isEmpty()) {
            throw new KeyFormatException(TEXT_RULE, "expected 2 numbers, found " + describeCount(text, fields));
        }
        for (String field : fields) {
            if (!DECIMAL.matcher(field).matches()) {
                throw new KeyFormatException(TEXT_RULE, "'" + InputProblem.abbreviate(field) + "' is not a decimal integer");
            }
        }
        BigInteger e = new BigInteger(fields[0]);
        BigInteger n = new BigInteger(fields[1]);
        if (e.compareTo(BigInteger.ONE) <= 0 || e.compareTo(n) >= 0) {
            throw new KeyFormatException(TEXT_RULE, "e must be greater than 1 and less than n");
        }
        return new SeattlePublicKey(e, n);
    }

    public static SeattlePublicKey from(RSAPublicKey key) {
        return new SeattlePublicKey(key.getPublicExponent(), key.getModulus());
    }

    /** The Seattle text form, {@code "e n"}, with no trailing newline. */
    public String toText() {
        return e + " " + n;
    }

    public RSAPublicKey toJavaKey() {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("the JDK rejected an RSA public key", impossible);
        }
    }

    /** The modulus size in bits. */
    public int bitLength() {
        return n.bitLength();
    }

    /** The SHA-256 fingerprint of this key's X.509 (SubjectPublicKeyInfo) encoding. */
    public KeyFingerprint fingerprint() {
        return KeyFingerprint.of(toJavaKey());
    }

    /** A short form for logs: the bit length and fingerprint, never the whole key. */
    @Override
    public String toString() {
        return "RSA-" + bitLength() + " " + fingerprint();
    }

    static String describeCount(String text, String[] fields) {
        return text.isBlank() ? "nothing" : fields.length + (fields.length == 1 ? " field" : " fields");
    }
}
