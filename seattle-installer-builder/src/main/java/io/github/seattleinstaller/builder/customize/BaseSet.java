package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.archive.EntryTimes;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.log.ProgressLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Verified base installers, at most one per platform, held open and ready to be customized for any number
 * of donors: by {@link InstallerCustomizer} into files, by a server straight into its responses. Every
 * base is verified once, here (file list, signatures, operator key, layout), and copies are then made from
 * the very bytes verified, even if a file is replaced meanwhile. Thread-safe.
 */
public final class BaseSet implements AutoCloseable {
    private final Map<Platform, PreparedBase> bases;
    private final OperatorKey key;
    private final String id;

    private BaseSet(Map<Platform, PreparedBase> bases, OperatorKey key) {
        this.bases = bases;
        this.key = key;
        StringBuilder description = new StringBuilder();
        bases.values().forEach(base -> description.append(base.info().platform()).append(' ')
                .append(base.info().sha256Hex()).append('\n'));
        this.id = FileDigest.of(description.toString().getBytes(StandardCharsets.UTF_8)).sha256();
    }

    /**
     * Verifies and opens the bases.
     *
     * @param key         the operator key: every base must carry it, and it signs the copies
     * @param expectedKey if present, the fingerprint the bases' key must have
     * @throws InvalidInputException listing every problem of every base; nothing is kept open then
     */
    public static BaseSet open(List<CustomizeRequest.Base> bases, OperatorKey key, Optional<KeyFingerprint> expectedKey,
            ProgressLog log) throws IOException, InvalidInputException {
        List<InputProblem> problems = new ArrayList<>();
        Map<Platform, PreparedBase> prepared = new EnumMap<>(Platform.class);
        if (bases.isEmpty()) {
            problems.add(InputProblem.whole("<base installers>", "at least one base installer", "none given"));
        }
        long started = System.nanoTime();
        InstallerVerifier verifier = new InstallerVerifier();
        boolean opened = false;
        Set<Platform> seen = EnumSet.noneOf(Platform.class);
        try {
            for (CustomizeRequest.Base base : bases) {
                if (!seen.add(base.platform())) {
                    problems.add(InputProblem.whole(base.source(), "one base installer per platform",
                            "a second " + base.platform() + " base"));
                    continue;
                }
                PreparedBase.prepare(base, verifier, expectedKey, key.fingerprint(), problems)
                        .ifPresent(ready -> prepared.put(base.platform(), ready));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException("Cannot use the base installers", problems);
            }
            log.info("Verified " + prepared.size() + (prepared.size() == 1 ? " base installer in " : " base installers in ")
                    + (System.nanoTime() - started) / 1_000_000 + " ms, operator key " + key.fingerprint());
            opened = true;
            return new BaseSet(prepared, key);
        } finally {
            if (!opened) {
                closeAll(prepared.values());
            }
        }
    }

    /** The platforms there is a base for, in {@link Platform} order. */
    public List<Platform> platforms() {
        return List.copyOf(bases.keySet());
    }

    public boolean has(Platform platform) {
        return bases.containsKey(platform);
    }

    /** @throws NoSuchElementException if there is no base for the platform */
    public BaseInfo base(Platform platform) {
        return prepared(platform).info();
    }

    /** Every base, in {@link Platform} order. */
    public List<BaseInfo> bases() {
        return bases.values().stream().map(PreparedBase::info).toList();
    }

    /** The key the bases carry and the copies are signed with. */
    public OperatorKey operatorKey() {
        return key;
    }

    /** A name for this exact set of base files (lowercase hex SHA-256): it changes when any base changes. */
    public String id() {
        return id;
    }

    /**
     * A donor's installer for one platform: the base's bytes, then the donor's signed vesselinfo with entry
     * time {@code entryTime}. No I/O and no RSA operation.
     *
     * @throws NoSuchElementException   if there is no base for the platform
     * @throws IllegalArgumentException if the vesselinfo was signed by another key, or the time cannot be
     *                                  stored in the archive ({@link EntryTimes#RULE})
     */
    public DonorInstaller customize(Platform platform, SignedVesselInfo vesselInfo, Instant entryTime) {
        if (!vesselInfo.signer().equals(key.fingerprint())) {
            throw new IllegalArgumentException("the vesselinfo is signed by " + vesselInfo.signer()
                    + ", not by the bases' operator key " + key.fingerprint());
        }
        String timeProblem = EntryTimes.problem(entryTime);
        if (timeProblem != null) {
            throw new IllegalArgumentException(EntryTimes.RULE + ": " + timeProblem);
        }
        try {
            return prepared(platform).customize(vesselInfo, entryTime, key);
        } catch (IOException impossible) {
            // The suffix is built in memory; the archive writers declare IOException for streams in general.
            throw new IllegalStateException("cannot build an installer suffix in memory", impossible);
        }
    }

    private PreparedBase prepared(Platform platform) {
        PreparedBase base = bases.get(platform);
        if (base == null) {
            throw new NoSuchElementException("no " + platform + " base installer in this set");
        }
        return base;
    }

    @Override
    public void close() throws IOException {
        closeAll(bases.values());
    }

    private static void closeAll(Iterable<PreparedBase> bases) throws IOException {
        IOException first = null;
        for (PreparedBase base : bases) {
            try {
                base.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "base set " + id.substring(0, 12) + " " + platforms() + ", operator key " + key.fingerprint();
    }
}
