package io.github.seattleinstaller.runtime.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA public keys as PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), the form {@code openssl}
 * reads with {@code -pubin} and {@code dgst -verify}. The runtime reads it without any crypto library.
 */
public final class PublicKeyPem {
    public static final String RULE = "a PEM public key is a '-----BEGIN PUBLIC KEY-----' block holding an RSA key";

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private PublicKeyPem() {
    }

    /** PEM text with 64-character lines and a final newline, as openssl writes it. */
    public static String encode(RSAPublicKey key) {
        return Pem.encode("PUBLIC KEY", key.getEncoded());
    }

    /** Reads the first {@code PUBLIC KEY} block of the text. */
    public static RSAPublicKey decode(String pem) throws KeyFormatException {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END, Math.max(begin, 0));
        if (begin < 0 || end < 0) {
            throw new KeyFormatException(RULE, "no '" + BEGIN + "' ... '" + END + "' block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(RULE, "the block is not valid base64");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new KeyFormatException(RULE, "the block does not hold an RSA public key");
        }
    }
}
