package io.github.seattleinstaller.builder.output;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * The {@code .sig} file beside an archive: a SHA256withRSA (PKCS#1 v1.5) signature of the archive's bytes,
 * which {@code openssl dgst -sha256 -verify operator.pub.pem -signature X.sig X} accepts.
 *
 * <p>It is made from the archive's SHA-256 rather than its bytes: SHA256withRSA signs the DER DigestInfo
 * of that hash, so signing the DigestInfo with raw PKCS#1 v1.5 ({@code NONEwithRSA}) gives the same,
 * deterministic signature, and an archive already hashed for its {@code .sha256} is not read again.
 */
public final class DetachedSignature {
    public static final String EXTENSION = ".sig";

    /** DER of DigestInfo { AlgorithmIdentifier { sha256, NULL }, OCTET STRING (32 bytes) } up to the hash. */
    private static final byte[] SHA256_DIGEST_INFO_PREFIX =
            HexFormat.of().parseHex("3031300d060960864801650304020105000420");
    private static final String RAW_RSA = "NONEwithRSA";

    private DetachedSignature() {
    }

    /** The signature of content whose SHA-256 is {@code sha256}. */
    public static byte[] sign(byte[] sha256, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance(RAW_RSA);
            signature.initSign(key);
            signature.update(digestInfo(sha256));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** True if {@code signatureBytes} signs content whose SHA-256 is {@code sha256} with {@code key}. */
    public static boolean matches(byte[] sha256, byte[] signatureBytes, PublicKey key) {
        try {
            Signature signature = Signature.getInstance(RAW_RSA);
            signature.initVerify(key);
            signature.update(digestInfo(sha256));
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException malformed) {
            return false;
        }
    }

    private static byte[] digestInfo(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + sha256.length);
        }
        byte[] info = new byte[SHA256_DIGEST_INFO_PREFIX.length + sha256.length];
        System.arraycopy(SHA256_DIGEST_INFO_PREFIX, 0, info, 0, SHA256_DIGEST_INFO_PREFIX.length);
        System.arraycopy(sha256, 0, info, SHA256_DIGEST_INFO_PREFIX.length, sha256.length);
        return info;
    }
}
