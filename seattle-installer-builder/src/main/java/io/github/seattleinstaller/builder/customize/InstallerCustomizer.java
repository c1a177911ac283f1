package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.archive.EntryTimes;
import io.github.seattleinstaller.builder.output.ChecksumFile;
import io.github.seattleinstaller.builder.output.DetachedSignature;
import io.github.seattleinstaller.builder.output.SignedArchive;
import io.github.seattleinstaller.builder.output.StagedOutputs;
import io.github.seattleinstaller.builder.output.StagingCheckpoint;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Makes each donor's installers: for every donor and base installer, a copy of the base with the donor's
 * {@code vesselinfo} added, named {@code <base name>-<donor>-<platform>.<extension>}, with its
 * {@code .sha256} and {@code .sig}. The payload is never decompressed or recompressed: a copy is the
 * base's bytes up to its end, then a few hundred new bytes (see {@code TarGzInstallers} and
 * {@code ZipInstallers}).
 *
 * <p>Everything is checked before anything is written (donor names, each base verified once, the keys),
 * and every output is staged and moved into place only when all are complete: a refused request or a
 * failure writes nothing.
 */
public final class InstallerCustomizer {
    /** Donor names become parts of file names and Maven classifiers. */
    public static final Pattern DONOR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    public static final String DONOR_NAME_RULE =
            "a donor name is 1 to 64 letters, digits and _ . - starting with a letter or digit";
    public static final String UNIQUE_DONOR_RULE = "donor names are unique, ignoring case";

    private static final String REQUEST = "<customize request>";

    private final ProgressLog log;
    private final StagingCheckpoint checkpoint;
    private final InstallerVerifier verifier = new InstallerVerifier();

    public InstallerCustomizer(ProgressLog log) {
        this(log, StagingCheckpoint.NONE);
    }

    InstallerCustomizer(ProgressLog log, StagingCheckpoint checkpoint) {
        this.log = log;
        this.checkpoint = checkpoint;
    }

    /**
     * Writes every donor's installers.
     *
     * @return what was written, donor by donor in the order given, platforms in the order of the bases
     * @throws InvalidInputException listing every problem with the request; nothing is written then
     */
    public List<CustomizedInstaller> customize(CustomizeRequest request) throws IOException, InvalidInputException {
        List<InputProblem> problems = new ArrayList<>();
        checkDonors(request.donors(), problems);
        checkOptions(request, problems);
        boolean rsaKey = request.signingKey().getPublic() instanceof RSAPublicKey
                && request.signingKey().getPrivate() instanceof RSAPrivateKey;
        if (!rsaKey) {
            problems.add(InputProblem.whole(REQUEST, "the signing key is an RSA key pair",
                    "it is " + request.signingKey().getPublic().getAlgorithm()));
        }
        KeyFingerprint operatorKey = KeyFingerprint.of(request.signingKey().getPublic());
        List<PreparedBase> bases = new ArrayList<>();
        try {
            long started = System.nanoTime();
            Set<Platform> platforms = EnumSet.noneOf(Platform.class);
            for (CustomizeRequest.Base base : request.bases()) {
                if (!platforms.add(base.platform())) {
                    problems.add(InputProblem.whole(base.file().toString(), "one base installer per platform",
                            "a second " + base.platform() + " base"));
                    continue;
                }
                PreparedBase.prepare(base, verifier, request.expectedBaseKey(), operatorKey, problems)
                        .ifPresent(bases::add);
            }
            checkOutputsAreFiles(request, bases, problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException("Cannot customize the installers", problems);
            }
            log.info("Verified " + bases.size() + " base installers in " + millisSince(started) + " ms");
            return writeAll(request, bases);
        } finally {
            for (PreparedBase base : bases) {
                base.close();
            }
        }
    }

    private static void checkDonors(List<CustomizeRequest.Donor> donors, List<InputProblem> problems) {
        if (donors.isEmpty()) {
            problems.add(InputProblem.whole(REQUEST, "at least one donor", "no donor"));
        }
        Map<String, String> seen = new HashMap<>();
        for (CustomizeRequest.Donor donor : donors) {
            if (!DONOR_NAME.matcher(donor.name()).matches()) {
                problems.add(InputProblem.whole(REQUEST, DONOR_NAME_RULE, "'" + donor.name() + "'"));
                continue;
            }
            // The installer would refuse a vesselinfo that breaks its rules on every donor's machine.
            try {
                VesselInfo.parse("vesselinfo of donor " + donor.name(),
                        new String(donor.vesselinfo(), StandardCharsets.UTF_8));
            } catch (InvalidVesselInfoException invalid) {
                problems.addAll(invalid.problems());
            }
            // Case-insensitive file systems (Windows, macOS) would hold only one of "Alice" and "alice".
            String previous = seen.putIfAbsent(donor.name().toLowerCase(Locale.ROOT), donor.name());
            if (previous != null) {
                problems.add(InputProblem.whole(REQUEST, UNIQUE_DONOR_RULE,
                        "'" + donor.name() + "' repeats '" + previous + "'"));
            }
        }
    }

    private static void checkOptions(CustomizeRequest request, List<InputProblem> problems) {
        if (request.bases().isEmpty()) {
            problems.add(InputProblem.whole(REQUEST, "at least one base installer", "no base installer"));
        }
        request.outputTimestamp().map(EntryTimes::problem).ifPresent(problem ->
                problems.add(InputProblem.whole(REQUEST, EntryTimes.RULE, problem)));
        Path directory = request.outputDirectory();
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            problems.add(InputProblem.whole(directory.toString(), "the output directory is a directory",
                    "it is a file"));
        }
    }

    /** A directory where an output goes would stop the outputs from being moved into place. */
    private static void checkOutputsAreFiles(CustomizeRequest request, List<PreparedBase> bases,
            List<InputProblem> problems) {
        for (CustomizeRequest.Donor donor : request.donors()) {
            for (PreparedBase base : bases) {
                String fileName = base.outputFileName(donor.name());
                for (String name : List.of(fileName, fileName + ChecksumFile.EXTENSION,
                        fileName + DetachedSignature.EXTENSION)) {
                    Path target = request.outputDirectory().resolve(name);
                    if (Files.isDirectory(target)) {
                        problems.add(InputProblem.whole(target.toString(), "an output can replace what is at its path",
                                "it is a directory"));
                    }
                }
            }
        }
    }

    /**
     * Copies the bases for every donor on this thread while another signs the copies already made: an
     * RSA signature costs about as much CPU as copying a few megabytes, so on a small base signing in
     * turn would double the time.
     */
    private List<CustomizedInstaller> writeAll(CustomizeRequest request, List<PreparedBase> bases) throws IOException {
        Instant time = request.outputTimestamp().orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Path directory = request.outputDirectory();
        Files.createDirectories(directory);
        PrivateKey key = request.signingKey().getPrivate();
        record Copy(String donor, PreparedBase base, String fileName, byte[] sha256, Future<byte[]> signature) {
        }
        List<CustomizedInstaller> written = new ArrayList<>();
        long started = System.nanoTime();
        ExecutorService signer = Executors.newSingleThreadExecutor();
        try (StagedOutputs staging = new StagedOutputs(directory, checkpoint)) {
            List<Copy> copies = new ArrayList<>();
            for (CustomizeRequest.Donor donor : request.donors()) {
                byte[] vesselinfo = donor.vesselinfo();
                for (PreparedBase base : bases) {
                    String fileName = base.outputFileName(donor.name());
                    byte[] sha256 = base.writeCopy(vesselinfo, time, staging.stage(fileName));
                    copies.add(new Copy(donor.name(), base, fileName, sha256,
                            signer.submit(() -> Sha256WithRsa.signDigest(sha256, key))));
                }
            }
            for (Copy copy : copies) {
                SignedArchive files = SignedArchive.stageSidecars(staging, copy.fileName(), copy.sha256(),
                        signatureOf(copy.signature()));
                written.add(new CustomizedInstaller(copy.donor(), copy.base().platform(), files));
            }
            staging.commit();
        } finally {
            signer.shutdownNow();
        }
        log.info("Wrote " + written.size() + " installers for " + request.donors().size() + " donors to " + directory
                + " in " + millisSince(started) + " ms");
        return written;
    }

    private static byte[] signatureOf(Future<byte[]> signature) throws IOException {
        try {
            return signature.get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("signing failed: " + failed.getCause().getMessage(), failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while signing the installers");
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
