package io.github.seattleinstaller.service.jobs;

import io.github.seattleinstaller.service.clearinghouse.BuildId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The build ids of a job's donors: HMAC-SHA256 of the donor's index under the job's secret seed (256 bits from a
 * CSPRNG, kept with the job), cut to the 160 bits of a build id. As unguessable as a random id to anyone without
 * the seed, and stable: a resumed job gives a donor the id it would have had in the first run. Not thread-safe.
 */
public final class DonorBuildIds {
    private final Mac mac;

    public DonorBuildIds(String seedHex) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(seedHex), "HmacSHA256"));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", impossible);
        }
    }

    /** A new seed: 64 hex digits. */
    public static String newSeed(SecureRandom random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return HexFormat.of().formatHex(seed);
    }

    public BuildId of(int donorIndex) {
        byte[] digest = mac.doFinal(ByteBuffer.allocate(Integer.BYTES).putInt(donorIndex).array());
        return new BuildId(HexFormat.of().formatHex(Arrays.copyOf(digest, BuildId.BITS / 8)));
    }
}
