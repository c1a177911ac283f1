package io.github.seattleinstaller.builder.keys;

import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Generates key pairs for donors and users who have none (as the original builder did for every user without
 * a public key), in memory only: the caller hands the private half to its owner and keeps nothing.
 * e = 65537. 2048 bits by default; never fewer than {@link #MINIMUM_BITS}, which is what Seattle's own
 * generated keys had (the original generated 1024-bit keys, short by today's measure).
 */
public final class DonorKeyGenerator {
    public static final int DEFAULT_BITS = 2048;
    public static final int MINIMUM_BITS = 1024;
    /** Larger keys take seconds each to generate, far too long for a build request. */
    public static final int MAXIMUM_BITS = 8192;
    public static final String SIZE_RULE = "a generated donor key has " + MINIMUM_BITS + " to " + MAXIMUM_BITS
            + " bits (" + DEFAULT_BITS + " by default)";

    private final int bits;
    private final SecureRandom random;

    /** @throws IllegalArgumentException stating {@link #SIZE_RULE} for a size outside it */
    public DonorKeyGenerator(int bits) {
        this(bits, new SecureRandom());
    }

    public DonorKeyGenerator(int bits, SecureRandom random) {
        if (bits < MINIMUM_BITS || bits > MAXIMUM_BITS) {
            throw new IllegalArgumentException("Cannot generate " + bits + "-bit donor keys: " + SIZE_RULE + ".");
        }
        this.bits = bits;
        this.random = random;
    }

    public int bits() {
        return bits;
    }

    public GeneratedDonorKey generate() {
        KeyPair pair = OperatorKeyGenerator.newKeyPair(bits, random);
        return new GeneratedDonorKey(SeattlePublicKey.from((RSAPublicKey) pair.getPublic()),
                SeattlePrivateKey.from((RSAPrivateCrtKey) pair.getPrivate()));
    }
}
