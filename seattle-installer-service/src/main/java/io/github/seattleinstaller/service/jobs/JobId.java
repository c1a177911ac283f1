package io.github.seattleinstaller.service.jobs;

import io.github.seattleinstaller.service.clearinghouse.BuildId;

import java.security.SecureRandom;

/**
 * A job's id: like a build's, 160 bits from a CSPRNG as 40 lowercase hex digits, the only way to reach the job's
 * page, log and manifest (and so its builds' URLs) without the operator's token.
 */
public record JobId(String hex) {
    public JobId {
        if (!BuildId.isWellFormed(hex)) {
            throw new IllegalArgumentException("a job id is 40 lowercase hex digits");
        }
    }

    public static JobId random(SecureRandom random) {
        return new JobId(BuildId.random(random).hex());
    }

    /** True for text of the form of a job id; parse such text with the constructor. */
    public static boolean isWellFormed(String text) {
        return text != null && BuildId.isWellFormed(text);
    }

    @Override
    public String toString() {
        return hex;
    }
}
