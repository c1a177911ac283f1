package io.github.seattleinstaller.service.build;

import io.github.seattleinstaller.builder.keys.GeneratedDonorKey;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;
import io.github.seattleinstaller.service.clearinghouse.BuildId;
import io.github.seattleinstaller.service.clearinghouse.BuildRequest;
import io.github.seattleinstaller.service.clearinghouse.ClearinghouseApi;
import io.github.seattleinstaller.service.clearinghouse.ClearinghousePlatform;
import io.github.seattleinstaller.service.clearinghouse.UserVessel;
import io.github.seattleinstaller.builder.customize.BaseSet;
import io.github.seattleinstaller.builder.customize.DonorInstaller;
import io.github.seattleinstaller.builder.customize.SignedVesselInfo;
import io.github.seattleinstaller.service.jobs.InstallerSummary;
import io.github.seattleinstaller.service.ops.ServiceMetrics;
import io.github.seattleinstaller.service.store.BuildStore;
import io.github.seattleinstaller.service.store.InstallerFacts;
import io.github.seattleinstaller.service.store.StoredBuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes builds and serves their installers, over the core: a build is its vesselinfo (the request's vessels
 * and the reserved one), signed by the operator key, recorded in the store; its installers are the current
 * bases customized with it, made on each download from the base's bytes and a small suffix.
 *
 * <p>Per build, base set and platform, the installer's size, SHA-256 and signature (the one RSA operation of
 * a first download) are computed once, even when many first downloads arrive together, and kept.
 */
public final class BuildService implements ClearinghouseApi.Builds {
    /** The reserved vessel's share, owned by the configured reserved key and placed last. */
    public static final int RESERVED_PERCENT = 20;

    private static final Logger LOG = LoggerFactory.getLogger(BuildService.class);

    private final CurrentBases bases;
    private final BuildStore store;
    private final DonorKeyPool keys;
    private final SeattlePublicKey reservedKey;
    private final Clock clock;
    private final SecureRandom random;
    private final Optional<Duration> expiry;
    private final ServiceMetrics metrics;
    private final Map<FactsKey, CompletableFuture<InstallerFacts>> computing = new ConcurrentHashMap<>();

    private record FactsKey(BuildId build, String baseSetId, ClearinghousePlatform platform) {
    }

    public BuildService(CurrentBases bases, BuildStore store, DonorKeyPool keys, SeattlePublicKey reservedKey,
            Clock clock, SecureRandom random, Optional<Duration> expiry, ServiceMetrics metrics) {
        this.bases = bases;
        this.store = store;
        this.keys = keys;
        this.reservedKey = reservedKey;
        this.clock = clock;
        this.random = random;
        this.expiry = expiry;
        this.metrics = metrics;
    }

    @Override
    public ClearinghouseApi.BuildResult build(BuildRequest request) throws IOException {
        Map<String, SeattlePublicKey> userKeys = new LinkedHashMap<>();
        Map<String, SeattlePrivateKey> generated = new LinkedHashMap<>();
        request.users().forEach((name, given) -> {
            if (given.isPresent()) {
                userKeys.put(name, given.get());
            } else {
                GeneratedDonorKey pair = keys.take();
                userKeys.put(name, pair.publicKey());
                generated.put(name, pair.privateKey());
            }
        });
        VesselInfo vesselInfo = vesselInfo(request.vessels(), userKeys);
        byte[] text = vesselInfo.toText().getBytes(StandardCharsets.UTF_8);
        Optional<String> digest = request.allKeysGiven()
                ? Optional.of(HexFormat.of().formatHex(FileDigest.sha256Of(text))) : Optional.empty();
        Instant now = clock.instant();
        StoredBuild made;
        List<ClearinghousePlatform> platforms;
        try (CurrentBases.Lease lease = bases.acquire()) {
            made = newBuild(BuildId.random(random), SignedVesselInfo.sign(vesselInfo, lease.set().operatorKey()),
                    lease.set(), now, digest);
            platforms = platforms(lease.set());
        }
        StoredBuild stored = store.insertOrFind(made, now);
        metrics.build(stored == made, generated.size());
        return new ClearinghouseApi.BuildResult(stored.id(), platforms, userKeys, generated);
    }

    /**
     * A job donor's build, made as {@code build_installers} makes one (the vesselinfo signed by the operator key of
     * the bases, one RSA signature) and not yet recorded: the job records it with the donor's step, in one
     * transaction. Also gives its installers' sizes and SHA-256s on these bases (no RSA: from the base's digest and
     * the build's suffix). Job builds are not de-duplicated: each donor of each job is a build of its own.
     *
     * @param id the donor's build id, which the job derives so that a resumed job gives the same one
     */
    public PreparedBuild prepare(BuildId id, VesselInfo vesselInfo, BaseSet set, Instant now) {
        SignedVesselInfo signed = SignedVesselInfo.sign(vesselInfo, set.operatorKey());
        StoredBuild build = newBuild(id, signed, set, now, Optional.empty());
        List<InstallerSummary> installers = new ArrayList<>();
        for (ClearinghousePlatform platform : platforms(set)) {
            DonorInstaller installer = set.customize(platform.platform(), signed, build.entryTime());
            installers.add(new InstallerSummary(platform, installer.size(), installer.sha256Hex()));
        }
        return new PreparedBuild(build, installers);
    }

    /** A build not yet recorded, with its installers on the bases it was made with. */
    public record PreparedBuild(StoredBuild build, List<InstallerSummary> installers) {
        public PreparedBuild {
            installers = List.copyOf(installers);
        }
    }

    /** The current bases, held until the lease is closed. */
    public CurrentBases.Lease bases() {
        return bases.acquire();
    }

    private StoredBuild newBuild(BuildId id, SignedVesselInfo signed, BaseSet set, Instant now, Optional<String> digest) {
        return new StoredBuild(id, now, now.truncatedTo(ChronoUnit.SECONDS), expiry.map(now::plus), digest,
                new String(signed.text(), StandardCharsets.UTF_8), signed.signature(), signed.signer().hex(), set.id());
    }

    @Override
    public Optional<List<ClearinghousePlatform>> platformsOf(BuildId id) throws IOException {
        if (store.find(id, clock.instant()).isEmpty()) {
            return Optional.empty();
        }
        try (CurrentBases.Lease lease = bases.acquire()) {
            return Optional.of(platforms(lease.set()));
        }
    }

    /**
     * The build's installer for the platform from the current bases, or empty if there is no such build (or
     * it expired) or no base for that platform. The caller closes it when the download ends.
     */
    public Optional<Download> download(BuildId id, ClearinghousePlatform platform) throws IOException {
        Optional<StoredBuild> found = store.find(id, clock.instant());
        return found.isEmpty() ? Optional.empty() : download(found.get(), platform);
    }

    /** {@link #download(BuildId, ClearinghousePlatform)} of a build already read, as a page of all its installers has. */
    public Optional<Download> download(StoredBuild build, ClearinghousePlatform platform) throws IOException {
        CurrentBases.Lease lease = bases.acquire();
        try {
            BaseSet set = lease.set();
            if (!set.platforms().contains(platform.platform())) {
                lease.close();
                return Optional.empty();
            }
            SignedVesselInfo signed = restore(build, set);
            DonorInstaller installer = set.customize(platform.platform(), signed, build.entryTime());
            InstallerFacts facts = facts(new FactsKey(build.id(), set.id(), platform), installer);
            return Optional.of(new Download(lease, platform, installer, facts));
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** The installer facts recorded for a build on the current bases, if a download computed them. */
    public Optional<InstallerFacts> recordedFacts(BuildId id, ClearinghousePlatform platform) throws IOException {
        try (CurrentBases.Lease lease = bases.acquire()) {
            return store.facts(id, lease.set().id(), platform.platform());
        }
    }

    /** The build's record, if there is such a build and it has not expired. */
    public Optional<StoredBuild> find(BuildId id) throws IOException {
        return store.find(id, clock.instant());
    }

    /** The key owning every build's reserved vessel. */
    public SeattlePublicKey reservedKey() {
        return reservedKey;
    }

    /** The platforms of the current bases, in the API's order. */
    public List<ClearinghousePlatform> platforms() {
        try (CurrentBases.Lease lease = bases.acquire()) {
            return platforms(lease.set());
        }
    }

    private VesselInfo vesselInfo(List<UserVessel> vessels, Map<String, SeattlePublicKey> userKeys) {
        List<VesselSpec> specs = new ArrayList<>();
        for (UserVessel vessel : vessels) {
            specs.add(new VesselSpec(vessel.percentage(), userKeys.get(vessel.owner()),
                    vessel.users().stream().map(userKeys::get).toList()));
        }
        specs.add(new VesselSpec(RESERVED_PERCENT, reservedKey, List.of()));
        try {
            return VesselInfo.of("<build_installers vessels>", specs);
        } catch (InvalidVesselInfoException e) {
            // The request's rules are stricter than the installer's: a request that passed them cannot fail here.
            throw new IllegalStateException("a checked request broke the vesselinfo rules: " + e.getMessage(), e);
        }
    }

    /** The build's vesselinfo, as recorded (a record that no longer parses was changed outside the service). */
    public static VesselInfo vesselInfo(StoredBuild build) throws IOException {
        try {
            return VesselInfo.parse("<vesselinfo of build " + build.id() + ">", build.vesselinfo());
        } catch (InvalidVesselInfoException e) {
            throw new IOException("The record of build " + build.id() + " holds an invalid vesselinfo: " + e.getMessage());
        }
    }

    /**
     * The build's signed vesselinfo. A record signed by the current operator key must verify (or it was changed
     * outside the service); one signed by an earlier key, after the operator moved to new bases with a new key,
     * is signed again with the current one.
     */
    private static SignedVesselInfo restore(StoredBuild build, BaseSet set) throws IOException {
        VesselInfo vesselInfo = vesselInfo(build);
        KeyFingerprint current = set.operatorKey().fingerprint();
        if (!build.signer().equals(current.hex())) {
            return SignedVesselInfo.sign(vesselInfo, set.operatorKey());
        }
        try {
            return SignedVesselInfo.restore(vesselInfo, build.vesselinfoSignature(), set.operatorKey().publicKey());
        } catch (IllegalArgumentException e) {
            throw new IOException("The record of build " + build.id() + " was changed: " + e.getMessage());
        }
    }

    private InstallerFacts facts(FactsKey key, DonorInstaller installer) throws IOException {
        CompletableFuture<InstallerFacts> mine = new CompletableFuture<>();
        CompletableFuture<InstallerFacts> running = computing.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Optional<InstallerFacts> kept = store.facts(key.build(), key.baseSetId(), key.platform().platform());
            InstallerFacts facts = kept.isPresent() ? kept.get()
                    : new InstallerFacts(installer.size(), installer.sha256Hex(), installer.signature());
            if (kept.isEmpty()) {
                store.saveFacts(key.build(), key.baseSetId(), key.platform().platform(), facts);
            }
            mine.complete(facts);
            return facts;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            computing.remove(key, mine);
        }
    }

    private static InstallerFacts await(CompletableFuture<InstallerFacts> running) throws IOException {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            LOG.warn("computing an installer's facts failed", e.getCause());
            throw new IOException("computing the installer's facts failed", e.getCause());
        }
    }

    private static List<ClearinghousePlatform> platforms(BaseSet set) {
        return set.platforms().stream().map(ClearinghousePlatform::of).sorted().toList();
    }
}
