package io.github.seattleinstaller.service.clearinghouse;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A build's id: 160 bits from a CSPRNG as 40 lowercase hex digits. It is the only way to reach a build's
 * downloads, so it must not be guessable (the original took {@code sha1(str(random.random()))}).
 */
public record BuildId(String hex) {
    public static final int BITS = 160;
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{40}");

    public BuildId {
        if (!FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException("a build id is 40 lowercase hex digits");
        }
    }

    public static BuildId random(SecureRandom random) {
        byte[] bits = new byte[BITS / 8];
        random.nextBytes(bits);
        return new BuildId(HexFormat.of().formatHex(bits));
    }

    /** True for text of the form of a build id; parse such text with the constructor. */
    public static boolean isWellFormed(String text) {
        return FORM.matcher(text).matches();
    }

    @Override
    public String toString() {
        return hex;
    }
}
