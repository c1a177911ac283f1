package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link OperatorKeyGenerator} wrote. Nothing here is secret: the record holds paths, not keys.
 *
 * @param privateKeyPem     {@code N.pem}: the private key as PKCS#8 PEM, encrypted if a passphrase was given
 * @param publicKeyPem      {@code N.pub.pem}: the public key as X.509 SubjectPublicKeyInfo PEM
 * @param seattlePrivateKey {@code N.privatekey}: Seattle's {@code "d p q"} text
 * @param seattlePublicKey  {@code N.publickey}: Seattle's {@code "e n"} text
 * @param fingerprint       the SHA-256 fingerprint of the public key
 * @param bits              the modulus size
 * @param encrypted         whether {@code N.pem} is encrypted (the Seattle private key text never is)
 * @param notes             what the caller should tell the user, such as private files that could not be
 *                          restricted to their owner on this file system; empty when all went as intended
 */
public record GeneratedKeyFiles(Path privateKeyPem, Path publicKeyPem, Path seattlePrivateKey,
        Path seattlePublicKey, KeyFingerprint fingerprint, int bits, boolean encrypted, List<String> notes) {

    public GeneratedKeyFiles {
        notes = List.copyOf(notes);
    }

    /** The four files in the order they are written. */
    public List<Path> files() {
        return List.of(privateKeyPem, publicKeyPem, seattlePrivateKey, seattlePublicKey);
    }
}
