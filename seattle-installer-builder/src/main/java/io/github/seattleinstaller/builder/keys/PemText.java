package io.github.seattleinstaller.builder.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Key;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text read with the JDK alone: the common keys, a lone unencrypted PKCS#8 {@code PRIVATE KEY} or a
 * lone {@code PUBLIC KEY}, are read here without loading BouncyCastle, whose provider alone takes more than
 * half a second to set up. Everything else (PKCS#1, encryption, several blocks, headers, damage, keys that
 * are not RSA) is left to {@link BouncyCastleKeys}, which reads every form and says what is wrong; an empty
 * result here therefore never means the text is bad, only that it is not one of the plain forms.
 */
final class PemText {
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String PUBLIC_KEY = "PUBLIC KEY";

    private static final String BEGIN = "-----BEGIN ";
    private static final Pattern BEGIN_LINE = Pattern.compile("^-----BEGIN ([^-\\r\\n]+)-----", Pattern.MULTILINE);

    private PemText() {
    }

    /** Whether the text has a PEM block at all; text before it (comments, a label) is allowed. */
    static boolean looksLikePem(String text) {
        return text.contains(BEGIN);
    }

    /** The names of the text's blocks, in order: {@code RSA PRIVATE KEY}, {@code CERTIFICATE}, ... */
    static List<String> blockNames(String text) {
        List<String> names = new ArrayList<>();
        Matcher begin = BEGIN_LINE.matcher(text);
        while (begin.find()) {
            names.add(begin.group(1).strip());
        }
        return names;
    }

    /** The RSA private key, if the text is one plain PKCS#8 block holding a complete RSA key. */
    static Optional<RSAPrivateCrtKey> plainRsaPrivateKey(String text) {
        return plainRsaKey(text, PRIVATE_KEY, RSAPrivateCrtKey.class,
                (rsa, der) -> rsa.generatePrivate(new PKCS8EncodedKeySpec(der)));
    }

    /** The RSA public key, if the text is one plain X.509 {@code PUBLIC KEY} block holding an RSA key. */
    static Optional<RSAPublicKey> plainRsaPublicKey(String text) {
        return plainRsaKey(text, PUBLIC_KEY, RSAPublicKey.class,
                (rsa, der) -> rsa.generatePublic(new X509EncodedKeySpec(der)));
    }

    @FunctionalInterface
    private interface Decoder {
        Key decode(KeyFactory rsa, byte[] der) throws GeneralSecurityException;
    }

    /** RSA as installers use it: of this kind, and not RSA-PSS, which the JDK also reads as an RSA key. */
    private static <K extends Key & RSAKey> Optional<K> plainRsaKey(String text, String type, Class<K> kind,
            Decoder decoder) {
        return onlyBlock(text, type).flatMap(der -> {
            try {
                Key key = decoder.decode(KeyFactory.getInstance("RSA"), der);
                return kind.isInstance(key) && "RSA".equals(key.getAlgorithm()) && ((RSAKey) key).getParams() == null
                        ? Optional.of(kind.cast(key)) : Optional.empty();
            } catch (GeneralSecurityException | RuntimeException notPlain) {
                return Optional.empty();
            }
        });
    }

    /** The DER of the text's only block, if it is of this type, without headers, and valid base64. */
    private static Optional<byte[]> onlyBlock(String text, String type) {
        List<String> names = blockNames(text);
        if (names.size() != 1 || !names.get(0).equals(type)) {
            return Optional.empty();
        }
        String begin = BEGIN + type + "-----";
        int start = text.indexOf(begin) + begin.length();
        int end = text.indexOf("-----END " + type + "-----", start);
        if (end < 0) {
            return Optional.empty();
        }
        String body = text.substring(start, end);
        if (body.indexOf(':') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(body.replaceAll("\\s+", "")));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
