package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.util.Objects;

/**
 * A donor's key pair made by {@link DonorKeyGenerator}, in Seattle's text forms ({@code "e n"} and
 * {@code "d p q"}). {@link #toString()} never shows the private key.
 */
public record GeneratedDonorKey(SeattlePublicKey publicKey, SeattlePrivateKey privateKey) {
    public GeneratedDonorKey {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!privateKey.publicKey().equals(publicKey)) {
            throw new IllegalArgumentException("the private key does not belong to the public key");
        }
    }

    @Override
    public String toString() {
        return "GeneratedDonorKey[" + publicKey + "]";
    }
}
