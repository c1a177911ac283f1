package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.builder.keys.KeyLoadingException.Input;
import io.github.seattleinstaller.runtime.keys.KeyFormatException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Keys in the PEM forms that need BouncyCastle (PKCS#1, encrypted PKCS#8, OpenSSL's legacy encryption),
 * and the messages for every PEM text that is not a usable key. The plain forms are read by {@link
 * PemText} first, so this class, and BouncyCastle with it, is loaded only for a key that needs it.
 */
final class BouncyCastleKeys {
    /** Gives the passphrase of an encrypted key, or says why there is none. */
    @FunctionalInterface
    interface Passphrase {
        char[] get() throws KeyLoadingException;
    }

    private BouncyCastleKeys() {
    }

    /**
     * The RSA private key of a PEM text in any accepted form, or what is wrong with it.
     *
     * @param passphraseVariable named in messages about the passphrase
     * @param passphrase         asked only for an encrypted key
     */
    static RSAPrivateCrtKey privateKey(String text, OperatorKeyLoader.Origin origin, String passphraseVariable,
            Passphrase passphrase) throws KeyLoadingException {
        PemContent pem;
        try {
            pem = PemContent.parse(text);
        } catch (PemContent.UnreadablePemException e) {
            throw origin.problem("The operator key in the " + origin + " cannot be read: " + e.getMessage()
                    + ". Expected " + OperatorKeyLoader.ACCEPTED_FORMS + ".");
        }
        List<Object> privateKeys = pem.objects().stream().filter(PemContent::isPrivateKey).collect(Collectors.toList());
        if (privateKeys.size() > 1) {
            throw origin.problem("The " + origin + " holds " + privateKeys.size() + " private keys: keep only the"
                    + " operator's signing key in it.");
        }
        if (privateKeys.isEmpty()) {
            throw origin.problem("The " + origin + " holds " + withoutPrivateKey(pem) + ": signing needs the"
                    + " private key (the public key is derived from it). Expected " + OperatorKeyLoader.ACCEPTED_FORMS + ".");
        }
        PrivateKeyInfo info = decrypted(privateKeys.get(0), origin, passphraseVariable, passphrase);
        if (!PemContent.isRsa(info.getPrivateKeyAlgorithm().getAlgorithm())) {
            throw origin.problem("The operator key in the " + origin + " is of type "
                    + PemContent.algorithmName(info.getPrivateKeyAlgorithm().getAlgorithm())
                    + ": it must be a plain RSA key, since installers are signed with SHA256withRSA"
                    + " (PKCS#1 v1.5), which the installed updater verifies.");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            if (key instanceof RSAPrivateCrtKey) {
                return (RSAPrivateCrtKey) key;
            }
        } catch (GeneralSecurityException | IOException e) {
            throw origin.problem("The operator key in the " + origin + " is damaged: its RSA parameters cannot"
                    + " be decoded.");
        }
        throw origin.problem("The operator key in the " + origin + " lacks the CRT parameters of a complete RSA"
                + " private key; export it again with 'openssl pkey'.");
    }

    private static String withoutPrivateKey(PemContent pem) {
        if (pem.objects().stream().anyMatch(SubjectPublicKeyInfo.class::isInstance)) {
            return "only a public key";
        }
        if (pem.objects().stream().anyMatch(X509CertificateHolder.class::isInstance)) {
            return "a certificate, not a private key";
        }
        return pem.describeBlocks() + ", not a private key";
    }

    private static PrivateKeyInfo decrypted(Object privateKey, OperatorKeyLoader.Origin origin,
            String passphraseVariable, Passphrase passphrase) throws KeyLoadingException {
        if (privateKey instanceof PrivateKeyInfo) {
            return (PrivateKeyInfo) privateKey;
        }
        if (privateKey instanceof PEMKeyPair) {
            return ((PEMKeyPair) privateKey).getPrivateKeyInfo();
        }
        char[] secret = passphrase.get();
        try {
            if (privateKey instanceof PKCS8EncryptedPrivateKeyInfo) {
                // Without the BouncyCastle provider on the builder, the JDK's own AES-CBC is picked and fails
                // on the PBES2 parameters OpenSSL writes.
                return ((PKCS8EncryptedPrivateKeyInfo) privateKey).decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(PemContent.bouncyCastle())
                                .build(secret));
            }
            return ((PEMEncryptedKeyPair) privateKey).decryptKeyPair(
                    new JcePEMDecryptorProviderBuilder().setProvider(PemContent.bouncyCastle()).build(secret))
                    .getPrivateKeyInfo();
        } catch (PKCSException | OperatorCreationException | IOException | RuntimeException e) {
            // A wrong passphrase shows as a padding error, or, when the padding happens to look valid, as
            // undecodable content: BouncyCastle reports the latter with runtime exceptions too.
            throw new KeyLoadingException(Input.PASSPHRASE_VARIABLE, "The operator key in the " + origin
                    + " cannot be decrypted with the passphrase in the environment variable " + passphraseVariable
                    + ": the passphrase is wrong or the key is damaged.");
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** The RSA public key of a PEM text in any accepted form, or what is wrong with it ({@link PublicKeyReader#RULE}). */
    static SeattlePublicKey publicKey(String text) throws KeyFormatException {
        PemContent pem;
        try {
            pem = PemContent.parse(text);
        } catch (PemContent.UnreadablePemException e) {
            throw new KeyFormatException(PublicKeyReader.RULE, e.getMessage());
        }
        if (pem.objects().stream().anyMatch(PemContent::isPrivateKey)) {
            throw new KeyFormatException(PublicKeyReader.RULE, "it holds a private key, which must stay with its owner:"
                    + " give the public key instead ('openssl pkey -in KEY.pem -pubout' prints it)");
        }
        List<SubjectPublicKeyInfo> publicKeys = pem.objects().stream()
                .filter(SubjectPublicKeyInfo.class::isInstance)
                .map(SubjectPublicKeyInfo.class::cast)
                .collect(Collectors.toList());
        if (publicKeys.isEmpty()) {
            if (pem.objects().stream().anyMatch(X509CertificateHolder.class::isInstance)) {
                throw new KeyFormatException(PublicKeyReader.RULE, "it holds a certificate, not a public key"
                        + " ('openssl x509 -in CERT.pem -pubkey -noout' prints the key it certifies)");
            }
            throw new KeyFormatException(PublicKeyReader.RULE, "it holds " + pem.describeBlocks() + ", not a public key");
        }
        if (publicKeys.size() > 1) {
            throw new KeyFormatException(PublicKeyReader.RULE, "it holds " + publicKeys.size() + " public keys: give one");
        }
        SubjectPublicKeyInfo info = publicKeys.get(0);
        if (!PemContent.isRsa(info.getAlgorithm().getAlgorithm())) {
            throw new KeyFormatException(PublicKeyReader.RULE, "it holds a public key of type "
                    + PemContent.algorithmName(info.getAlgorithm().getAlgorithm()) + ": Seattle keys are RSA");
        }
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(info.getEncoded()));
            return SeattlePublicKey.from(key);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new KeyFormatException(PublicKeyReader.RULE, "its RSA public key is damaged");
        }
    }
}
