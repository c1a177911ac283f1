package io.github.seattleinstaller.service.store;

import io.github.seattleinstaller.service.clearinghouse.BuildId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A build as recorded: everything needed to serve its installers from any bases, and nothing secret (keys
 * generated for its users are not here).
 *
 * @param entryTime           the time of the vesselinfo entry in its installers (whole seconds)
 * @param requestDigest       for de-duplication, present when every key was given
 * @param vesselinfo          the canonical vesselinfo text
 * @param vesselinfoSignature the operator's signature of that text
 * @param signer              the fingerprint (hex) of the operator key that made it
 * @param baseSetId           the bases current when it was made
 */
public record StoredBuild(BuildId id, Instant createdAt, Instant entryTime, Optional<Instant> expiresAt,
        Optional<String> requestDigest, String vesselinfo, byte[] vesselinfoSignature, String signer, String baseSetId) {
    public StoredBuild {
        Objects.requireNonNull(id, "id");
        vesselinfoSignature = vesselinfoSignature.clone();
    }

    @Override
    public byte[] vesselinfoSignature() {
        return vesselinfoSignature.clone();
    }

    public boolean expiredAt(Instant now) {
        return expiresAt.map(expiry -> !expiry.isAfter(now)).orElse(false);
    }
}
