package io.github.seattleinstaller.runtime.keys;

import io.github.seattleinstaller.runtime.filelist.FileDigest;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * The one signature scheme of the toolchain: SHA256withRSA (RSASSA-PKCS1-v1_5 with SHA-256), as
 * {@code openssl dgst -sha256 -sign/-verify} makes and checks it. The signed file list, every detached
 * {@code .sig}, the signed {@code vesselinfo} and the key self-tests all go through here.
 *
 * <p>Signatures are made from the content's SHA-256: SHA256withRSA signs the DER DigestInfo of that hash,
 * so signing the DigestInfo with raw PKCS#1 v1.5 ({@code NONEwithRSA}) gives the same deterministic
 * signature, and content already hashed (an archive, for its {@code .sha256}) is not read again.
 */
public final class Sha256WithRsa {
    /** The JCA name of the scheme, for readers that want to check a signature themselves. */
    public static final String ALGORITHM = "SHA256withRSA";

    /** DER of DigestInfo { AlgorithmIdentifier { sha256, NULL }, OCTET STRING (32 bytes) } up to the hash. */
    private static final byte[] SHA256_DIGEST_INFO_PREFIX =
            HexFormat.of().parseHex("3031300d060960864801650304020105000420");
    private static final String RAW_RSA = "NONEwithRSA";
    private static final int SHA256_LENGTH = 32;

    private Sha256WithRsa() {
    }

    /** The signature of {@code content}. */
    public static byte[] sign(byte[] content, PrivateKey key) {
        return signDigest(FileDigest.sha256Of(content), key);
    }

    /** The signature of content whose SHA-256 is {@code sha256}. */
    public static byte[] signDigest(byte[] sha256, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance(RAW_RSA);
            signature.initSign(key);
            signature.update(digestInfo(sha256));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** True if {@code signature} is a valid signature of {@code content} by {@code key}. */
    public static boolean verifies(byte[] content, byte[] signature, PublicKey key) {
        return verifiesDigest(FileDigest.sha256Of(content), signature, key);
    }

    /** True if {@code signature} signs content whose SHA-256 is {@code sha256} with {@code key}. */
    public static boolean verifiesDigest(byte[] sha256, byte[] signature, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(RAW_RSA);
            verifier.initVerify(key);
            verifier.update(digestInfo(sha256));
            return verifier.verify(signature);
        } catch (GeneralSecurityException malformed) {
            return false;
        }
    }

    private static byte[] digestInfo(byte[] sha256) {
        if (sha256.length != SHA256_LENGTH) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + sha256.length);
        }
        byte[] info = new byte[SHA256_DIGEST_INFO_PREFIX.length + sha256.length];
        System.arraycopy(SHA256_DIGEST_INFO_PREFIX, 0, info, 0, SHA256_DIGEST_INFO_PREFIX.length);
        System.arraycopy(sha256, 0, info, SHA256_DIGEST_INFO_PREFIX.length, sha256.length);
        return info;
    }
}
