package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link OperatorKeyGenerator} wrote. Nothing here is secret: the record holds paths, not keys.
 *
 * @param privateKeyPem     {@code N.pem}: the private key as PKCS#8 PEM, encrypted if a passphrase was given
 * @param publicKeyPem      {@code N.pub.pem}: the public key as X.509 SubjectPublicKeyInfo PEM
 * @param seattlePrivateKey {@code N.privatekey}, Seattle's {@code "d p q"} text, never encrypted: written
 *                          only on request
 * @param seattlePublicKey  {@code N.publickey}: Seattle's {@code "e n"} text
 * @param gitignore         the {@code .gitignore} written into a key directory that had none
 * @param fingerprint       the SHA-256 fingerprint of the public key
 * @param bits              the modulus size
 * @param encrypted         whether {@code N.pem} is encrypted (the Seattle private key text never is)
 * @param notes             what the caller should tell the user, such as private files that could not be
 *                          restricted to their owner on this file system; empty when all went as intended
 */
public record GeneratedKeyFiles(Path privateKeyPem, Path publicKeyPem, Optional<Path> seattlePrivateKey,
        Path seattlePublicKey, Optional<Path> gitignore, KeyFingerprint fingerprint, int bits, boolean encrypted,
        List<String> notes) {

    public GeneratedKeyFiles {
        notes = List.copyOf(notes);
    }

    /** The key files written, in the order they are written: N.pem, N.pub.pem, N.privatekey if any, N.publickey. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(privateKeyPem, publicKeyPem));
        seattlePrivateKey.ifPresent(files::add);
        files.add(seattlePublicKey);
        return List.copyOf(files);
    }
}
