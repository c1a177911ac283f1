package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.archive.EntryTimes;
import io.github.seattleinstaller.builder.output.ChecksumFile;
import io.github.seattleinstaller.builder.output.DetachedSignature;
import io.github.seattleinstaller.builder.output.SignedArchive;
import io.github.seattleinstaller.builder.output.StagedOutputs;
import io.github.seattleinstaller.builder.output.StagingCheckpoint;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.log.ProgressLog;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes each donor's installers: for every donor and base installer, a copy of the base with the donor's
 * {@code vesselinfo} and its signature added, named {@code <base name>-<donor>-<platform>.<extension>},
 * with its {@code .sha256} and {@code .sig}. The payload is never decompressed or recompressed: a copy is
 * the base's bytes up to its end, then a few hundred new bytes (see {@link DonorInstaller}).
 *
 * <p>Everything is checked before anything is written (each base verified once, the outputs' paths), and
 * every output is staged and moved into place only when all are complete: a refused request or a failure
 * writes nothing.
 */
public final class InstallerCustomizer {
    private static final String REQUEST = "<customize request>";

    private final ProgressLog log;
    private final StagingCheckpoint checkpoint;

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
     * @return what was written, donor by donor in the order given, platforms in {@code Platform} order
     * @throws InvalidInputException listing every problem with the request; nothing is written then
     */
    public List<CustomizedInstaller> customize(CustomizeRequest request) throws IOException, InvalidInputException {
        List<InputProblem> problems = new ArrayList<>();
        checkOptions(request, problems);
        BaseSet bases = null;
        try {
            bases = BaseSet.open(request.bases(), request.operatorKey(), request.expectedBaseKey(), log);
        } catch (InvalidInputException invalid) {
            problems.addAll(invalid.problems());
        }
        try {
            if (bases != null) {
                checkOutputsAreFiles(request, bases, problems);
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException("Cannot customize the installers", problems);
            }
            return writeAll(request, bases);
        } finally {
            if (bases != null) {
                bases.close();
            }
        }
    }

    private static void checkOptions(CustomizeRequest request, List<InputProblem> problems) {
        if (request.donors().isEmpty()) {
            problems.add(InputProblem.whole(REQUEST, "at least one donor", "no donor"));
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
    private static void checkOutputsAreFiles(CustomizeRequest request, BaseSet bases, List<InputProblem> problems) {
        for (CustomizeRequest.Donor donor : request.donors()) {
            for (BaseInfo base : bases.bases()) {
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
     * Copies the bases for every donor on this thread while a pool of one thread per core makes the RSA
     * signatures: each donor's vesselinfo signature (needed before its copies can be written) is started a
     * few donors ahead, and each copy's signature as soon as the copy is written. An RSA signature costs
     * about as much as copying a few megabytes, so signing in turn would double the time on small bases.
     */
    private List<CustomizedInstaller> writeAll(CustomizeRequest request, BaseSet bases) throws IOException {
        Instant time = request.outputTimestamp().orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Path directory = request.outputDirectory();
        Files.createDirectories(directory);
        int threads = Runtime.getRuntime().availableProcessors();
        record Copy(CustomizeRequest.Donor donor, BaseInfo base, String fileName, byte[] sha256,
                Future<byte[]> signature) {
        }
        List<CustomizedInstaller> written = new ArrayList<>();
        long started = System.nanoTime();
        ExecutorService signers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "seattle-signer");
            thread.setDaemon(true);
            return thread;
        });
        try (StagedOutputs staging = new StagedOutputs(directory, checkpoint)) {
            List<Copy> copies = new ArrayList<>();
            Iterator<CustomizeRequest.Donor> ahead = request.donors().iterator();
            Deque<Future<SignedVesselInfo>> signedAhead = new ArrayDeque<>();
            for (CustomizeRequest.Donor donor : request.donors()) {
                while (signedAhead.size() < 4 * threads && ahead.hasNext()) {
                    CustomizeRequest.Donor next = ahead.next();
                    signedAhead.add(signers.submit(() -> SignedVesselInfo.sign(next.vesselInfo(), bases.operatorKey())));
                }
                SignedVesselInfo vesselInfo = resultOf(signedAhead.remove());
                for (BaseInfo base : bases.bases()) {
                    String fileName = base.outputFileName(donor.name());
                    DonorInstaller installer = bases.customize(base.platform(), vesselInfo, time);
                    try (FileChannel out = FileChannel.open(staging.stage(fileName), StandardOpenOption.WRITE)) {
                        installer.writeTo(out);
                    }
                    copies.add(new Copy(donor, base, fileName, installer.sha256(), signers.submit(installer::signature)));
                }
            }
            for (Copy copy : copies) {
                SignedArchive files = SignedArchive.stageSidecars(staging, copy.fileName(), copy.sha256(),
                        resultOf(copy.signature()));
                written.add(new CustomizedInstaller(copy.donor().name().value(), copy.base().platform(), files));
            }
            staging.commit();
        } finally {
            signers.shutdownNow();
        }
        log.info("Wrote " + written.size() + " installers for " + request.donors().size() + " donors to " + directory
                + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return written;
    }

    private static <T> T resultOf(Future<T> signature) throws IOException {
        try {
            return signature.get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("signing failed: " + failed.getCause().getMessage(), failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while signing the installers");
        }
    }
}
