package io.github.seattleinstaller.builder.keys;

import java.io.IOException;
import java.io.StringReader;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The PEM blocks of a text, as BouncyCastle's {@link PEMParser} reads them, plus the names of the blocks
 * ({@code RSA PRIVATE KEY}, {@code CERTIFICATE}, ...) so that messages can say what a file holds without
 * ever showing its content. Used only for keys {@link PemText} does not read with the JDK alone.
 */
final class PemContent {
    private static final String BEGIN = "-----BEGIN ";

    private static final Map<ASN1ObjectIdentifier, String> ALGORITHM_NAMES = Map.of(
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSA-PSS",
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            X9ObjectIdentifiers.id_dsa, "DSA",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            EdECObjectIdentifiers.id_X25519, "X25519",
            EdECObjectIdentifiers.id_X448, "X448");

    private final List<String> blockNames;
    private final List<Object> objects;

    private PemContent(List<String> blockNames, List<Object> objects) {
        this.blockNames = blockNames;
        this.objects = objects;
    }

    /**
     * BouncyCastle's provider, made on first use, since making it takes more than half a second; passed
     * explicitly where needed rather than registered globally: a Maven plugin must not change the JVM's
     * provider list for everything else in the build.
     */
    static Provider bouncyCastle() {
        return ProviderHolder.PROVIDER;
    }

    private static final class ProviderHolder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    /**
     * Reads every block of the text.
     *
     * @throws UnreadablePemException when a block is of a kind BouncyCastle does not read or cannot be
     *         decoded; the message names the kinds of block the text has and never quotes its content
     */
    static PemContent parse(String text) throws UnreadablePemException {
        List<String> names = PemText.blockNames(text);
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            List<String> unsupported = names.stream()
                    .filter(name -> !parser.getSupportedTypes().contains(name))
                    .collect(Collectors.toList());
            if (!unsupported.isEmpty()) {
                throw new UnreadablePemException(
                        "it holds " + withArticle(unsupported) + ", which is not an accepted kind of key");
            }
            List<Object> objects = new ArrayList<>();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
            return new PemContent(List.copyOf(names), List.copyOf(objects));
        } catch (IOException | RuntimeException e) {
            // BouncyCastle signals malformed input with IOExceptions and with runtime exceptions
            // (DecoderException, IllegalArgumentException) alike: all of them mean a damaged block.
            String what = names.isEmpty() ? "PEM text" : quoted(names);
            throw new UnreadablePemException(
                    "its " + what + " cannot be decoded: the base64 text is damaged or the block is cut short");
        }
    }

    List<Object> objects() {
        return objects;
    }

    /** What the text holds, for messages: {@code a '-----BEGIN CERTIFICATE-----' block}. */
    String describeBlocks() {
        return withArticle(blockNames);
    }

    /** Whether a parsed block is a private key, encrypted or not, in any of the forms PEMParser reads. */
    static boolean isPrivateKey(Object object) {
        return object instanceof PEMKeyPair || object instanceof PEMEncryptedKeyPair
                || object instanceof PrivateKeyInfo || object instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    /** "RSA", "EC", ..., or the dotted object identifier of an algorithm without a common name. */
    static String algorithmName(ASN1ObjectIdentifier algorithm) {
        return ALGORITHM_NAMES.getOrDefault(algorithm, algorithm.getId());
    }

    static boolean isRsa(ASN1ObjectIdentifier algorithm) {
        return PKCSObjectIdentifiers.rsaEncryption.equals(algorithm);
    }

    private static String withArticle(List<String> names) {
        return names.size() == 1 ? "a " + quoted(names) : quoted(names);
    }

    private static String quoted(List<String> names) {
        if (names.isEmpty()) {
            return "no PEM block";
        }
        return names.stream().map(name -> "'" + BEGIN + name + "-----'").collect(Collectors.joining(", "))
                + (names.size() == 1 ? " block" : " blocks");
    }

    /** A PEM text that cannot be read; the message is a clause about it ("it holds ..."). */
    static final class UnreadablePemException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadablePemException(String detail) {
            super(detail);
        }
    }
}
