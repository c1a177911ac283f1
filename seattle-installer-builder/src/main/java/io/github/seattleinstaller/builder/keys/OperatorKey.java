package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * The operator's RSA signing key pair, with what may be shown of it: its fingerprint, size and origin.
 * {@link #toString()} is the line to log; no method ever renders the private key.
 */
public final class OperatorKey {
    /** The smallest modulus accepted for a signing key, in bits. */
    public static final int MINIMUM_BITS = 2048;

    /** Why: stated in every message that refuses a short key. */
    public static final String SIZE_RULE = "an operator signing key must have at least " + MINIMUM_BITS
            + " bits: shorter RSA keys are within reach of factoring and are no longer accepted for signatures"
            + " (NIST SP 800-131A)";

    private static final byte[] SELF_TEST_MESSAGE =
            "seattle operator key self-test".getBytes(StandardCharsets.US_ASCII);

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final KeyFingerprint fingerprint;
    private final String origin;

    /**
     * @param origin where the key came from, for the log: "file /x/operator.pem",
     *               "environment variable SEATTLE_OPERATOR_KEY"
     * @throws IllegalArgumentException if the two halves are not RSA, do not share a modulus, the key
     *         is shorter than {@link #MINIMUM_BITS}, or a test signature does not verify
     */
    public OperatorKey(KeyPair keyPair, String origin) {
        if (!(keyPair.getPrivate() instanceof RSAPrivateCrtKey) || !(keyPair.getPublic() instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("an operator key is an RSA key pair with CRT parameters");
        }
        this.privateKey = (RSAPrivateCrtKey) keyPair.getPrivate();
        this.publicKey = (RSAPublicKey) keyPair.getPublic();
        if (!privateKey.getModulus().equals(publicKey.getModulus())
                || !privateKey.getPublicExponent().equals(publicKey.getPublicExponent())) {
            throw new IllegalArgumentException("the public key does not belong to the private key");
        }
        if (publicKey.getModulus().bitLength() < MINIMUM_BITS) {
            throw new IllegalArgumentException(SIZE_RULE);
        }
        byte[] probe = Sha256WithRsa.sign(SELF_TEST_MESSAGE, privateKey);
        if (!Sha256WithRsa.verifies(SELF_TEST_MESSAGE, probe, publicKey)) {
            throw new IllegalArgumentException("the key's parts do not form a working RSA key: a test signature"
                    + " made with it does not verify");
        }
        this.fingerprint = KeyFingerprint.of(publicKey);
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The public half in Seattle's {@code "e n"} form. */
    public SeattlePublicKey seattlePublicKey() {
        return SeattlePublicKey.from(publicKey);
    }

    public KeyFingerprint fingerprint() {
        return fingerprint;
    }

    public int bitLength() {
        return publicKey.getModulus().bitLength();
    }

    /** Where the key came from, e.g. "file /x/operator.pem". */
    public String origin() {
        return origin;
    }

    /** "RSA-3072 key sha256:... from file /x/operator.pem": the fingerprint and origin, never the key. */
    @Override
    public String toString() {
        return "RSA-" + bitLength() + " key " + fingerprint + " from " + origin;
    }
}
