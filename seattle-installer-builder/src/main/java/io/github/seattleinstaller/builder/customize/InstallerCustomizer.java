package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.output.OutputPlan;
import io.github.seattleinstaller.builder.output.SignedArchive;
import io.github.seattleinstaller.builder.output.StagedOutputs;
import io.github.seattleinstaller.builder.output.StagingCheckpoint;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.log.ProgressLog;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Makes each donor's installers: for every donor and base installer, a copy of the base with the donor's
 * {@code vesselinfo} and its signature added, named {@code <base name>-<donor>-<platform>.<extension>},
 * with its {@code .sha256} and {@code .sig}, and optionally a manifest of them all. The payload is never
 * decompressed or recompressed: a copy is the base's bytes up to its end, then a few hundred new bytes
 * (see {@link DonorInstaller}).
 *
 * <p>Everything is checked before anything is written (each base verified once, the outputs' paths), and
 * every output is staged and moved into place only when all are complete: a refused request or a failure
 * writes nothing. Donors are streamed from their {@link DonorSource} and no per-installer state is kept
 * beyond a bounded window, so memory stays flat in the number of donors. A progress line is logged at
 * least every two seconds and at every tenth of the donors.
 */
public final class InstallerCustomizer {
    private static final String REQUEST = "<customize request>";
    private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

    private final ProgressLog log;
    private final StagingCheckpoint checkpoint;
    private final LongSupplier nanoTime;

    public InstallerCustomizer(ProgressLog log) {
        this(log, StagingCheckpoint.NONE, System::nanoTime);
    }

    InstallerCustomizer(ProgressLog log, StagingCheckpoint checkpoint) {
        this(log, checkpoint, System::nanoTime);
    }

    InstallerCustomizer(ProgressLog log, StagingCheckpoint checkpoint, LongSupplier nanoTime) {
        this.log = log;
        this.checkpoint = checkpoint;
        this.nanoTime = nanoTime;
    }

    /**
     * Writes every donor's installers and collects what was written: for a handful of donors. Callers with
     * many donors use {@link #customize(CustomizeRequest, Consumer)}.
     *
     * @return what was written, donor by donor in the order given, platforms in {@code Platform} order
     * @throws InvalidInputException listing every problem with the request; nothing is written then
     */
    public List<CustomizedInstaller> customize(CustomizeRequest request) throws IOException, InvalidInputException {
        List<CustomizedInstaller> written = new ArrayList<>();
        customize(request, written::add);
        return written;
    }

    /**
     * Writes every donor's installers.
     *
     * @param written told of each installer once it and its sidecars are staged, donor by donor in the order
     *                given, platforms in {@code Platform} order; the files are in place when this returns
     * @throws InvalidInputException listing every problem with the request; nothing is written then
     */
    public CustomizeSummary customize(CustomizeRequest request, Consumer<CustomizedInstaller> written)
            throws IOException, InvalidInputException {
        long started = nanoTime.getAsLong();
        List<InputProblem> problems = new ArrayList<>();
        if (request.donors().size() == 0) {
            problems.add(InputProblem.whole(REQUEST, "at least one donor", "no donor"));
        }
        BaseSet bases = null;
        try {
            bases = BaseSet.open(request.bases(), request.operatorKey(), request.expectedBaseKey(), log);
        } catch (InvalidInputException invalid) {
            problems.addAll(invalid.problems());
        }
        try {
            problems.addAll(outputProblems(request, bases));
            if (!problems.isEmpty()) {
                throw new InvalidInputException("Cannot customize the installers", problems);
            }
            return writeAll(request, bases, written, started);
        } finally {
            if (bases != null) {
                bases.close();
            }
        }
    }

    /**
     * The one output pre-flight ({@link io.github.seattleinstaller.builder.output.OutputPlan}) over every
     * output's name; these depend on the bases' names, so with no usable base only the rest is checked.
     */
    private static List<InputProblem> outputProblems(CustomizeRequest request, BaseSet bases) {
        List<String> names = new ArrayList<>();
        request.manifestName().ifPresent(manifest -> names.addAll(List.of(manifest + InstallerManifest.JSON_EXTENSION,
                manifest + InstallerManifest.CSV_EXTENSION)));
        if (bases != null) {
            for (DonorName donor : request.donors().names()) {
                bases.bases().forEach(base -> names.addAll(SignedArchive.fileNames(base.outputFileName(donor))));
            }
        }
        List<InputProblem> problems = new ArrayList<>();
        request.manifestName().flatMap(manifest -> OutputPlan.plainNameProblem(request.manifestNameLabel(),
                "manifest name", manifest)).ifPresent(problems::add);
        problems.addAll(request.output().problems(names));
        return problems;
    }

    /** A donor with its signed vesselinfo. */
    private record Signed(CustomizeRequest.Donor donor, SignedVesselInfo vesselInfo) {
    }

    /** A copy written and staged whose signature is being made. */
    private record Copy(DonorName donor, BaseInfo base, String fileName, DonorInstaller installer,
            String vesselinfoSha256, Future<byte[]> signature) {
    }

    /**
     * Copies the bases for every donor on this thread while a pool of one thread per core makes the RSA
     * signatures: each donor's vesselinfo signature (needed before its copies can be written) is started a
     * few donors ahead, and each copy's signature as soon as the copy is written; its sidecars are staged
     * once a window of later copies has been written. An RSA signature costs about as much as copying a few
     * megabytes, so signing in turn would double the time on small bases.
     */
    private CustomizeSummary writeAll(CustomizeRequest request, BaseSet bases, Consumer<CustomizedInstaller> written,
            long started) throws IOException {
        Instant time = request.output().entryTime();
        Path directory = request.outputDirectory();
        Files.createDirectories(directory);
        int threads = Runtime.getRuntime().availableProcessors();
        int window = 4 * threads;
        Progress progress = new Progress(request.donors().size());
        ExecutorService signers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "seattle-signer");
            thread.setDaemon(true);
            return thread;
        });
        List<Path> manifests = new ArrayList<>();
        try (StagedOutputs staging = new StagedOutputs(directory, checkpoint);
             Stream<CustomizeRequest.Donor> donors = request.donors().donors()) {
            InstallerManifest manifest = null;
            if (request.manifestName().isPresent()) {
                String name = request.manifestName().get();
                manifest = new InstallerManifest(staging.stage(name + InstallerManifest.JSON_EXTENSION),
                        staging.stage(name + InstallerManifest.CSV_EXTENSION), bases.operatorKey().fingerprint().toString(),
                        time);
                manifests.add(staging.finalPath(name + InstallerManifest.JSON_EXTENSION));
                manifests.add(staging.finalPath(name + InstallerManifest.CSV_EXTENSION));
            }
            Iterator<CustomizeRequest.Donor> ahead = donors.iterator();
            Deque<Future<Signed>> signedAhead = new ArrayDeque<>();
            Deque<Copy> unsigned = new ArrayDeque<>();
            while (true) {
                while (signedAhead.size() < window && ahead.hasNext()) {
                    CustomizeRequest.Donor next = ahead.next();
                    signedAhead.add(signers.submit(() ->
                            new Signed(next, SignedVesselInfo.sign(next.vesselInfo(), bases.operatorKey()))));
                }
                if (signedAhead.isEmpty()) {
                    break;
                }
                Signed signed = resultOf(signedAhead.remove());
                SignedVesselInfo vesselInfo = signed.vesselInfo();
                DonorName donor = signed.donor().name();
                String vesselinfoSha256 = FileDigest.of(vesselInfo.text()).sha256();
                for (BaseInfo base : bases.bases()) {
                    String fileName = base.outputFileName(donor);
                    DonorInstaller installer = bases.customize(base.platform(), vesselInfo, time);
                    try (FileChannel out = FileChannel.open(staging.stage(fileName), StandardOpenOption.WRITE)) {
                        installer.writeTo(out);
                    }
                    unsigned.add(new Copy(donor, base, fileName, installer, vesselinfoSha256,
                            signers.submit(installer::signature)));
                    progress.wrote(installer.size());
                }
                while (unsigned.size() > window) {
                    stageSidecars(staging, unsigned.remove(), manifest, written);
                }
                progress.donorDone();
            }
            while (!unsigned.isEmpty()) {
                stageSidecars(staging, unsigned.remove(), manifest, written);
            }
            if (manifest != null) {
                manifest.close();
            }
            staging.commit();
        } catch (UncheckedIOException unreadable) {
            throw new IOException("cannot read the donors from " + request.donors() + ": "
                    + unreadable.getCause().getMessage(), unreadable.getCause());
        } finally {
            signers.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - started);
        CustomizeSummary summary = new CustomizeSummary(progress.total, progress.installers, progress.bytes, elapsed,
                bases.operatorKey().fingerprint(), manifests);
        log.info(describe(summary, directory));
        return summary;
    }

    private static void stageSidecars(StagedOutputs staging, Copy copy, InstallerManifest manifest,
            Consumer<CustomizedInstaller> written) throws IOException {
        SignedArchive files = SignedArchive.stageSidecars(staging, copy.fileName(), copy.installer().sha256(),
                resultOf(copy.signature()));
        CustomizedInstaller installer = new CustomizedInstaller(copy.donor().value(), copy.base().platform(), files,
                copy.installer().size(), copy.installer().sha256Hex(), copy.vesselinfoSha256());
        if (manifest != null) {
            manifest.add(installer);
        }
        written.accept(installer);
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

    static String describe(CustomizeSummary summary, Path directory) {
        double seconds = Math.max(summary.elapsed().toNanos() / 1e9, 1e-9);
        return "Customized " + summary.donors() + (summary.donors() == 1 ? " donor: " : " donors: ")
                + summary.installers() + (summary.installers() == 1 ? " installer, " : " installers, ")
                + bytes(summary.bytes()) + " written to " + directory + " in "
                + String.format("%.1f s (%.0f donors/s)", seconds, summary.donors() / seconds)
                + ", signed with operator key " + summary.operatorKey()
                + (summary.manifests().isEmpty() ? "" : "; manifest " + summary.manifests().get(0).getFileName()
                        + " and " + summary.manifests().get(1).getFileName());
    }

    /** Counts what was written and logs a line at least every two seconds and at every tenth of the donors. */
    private final class Progress {
        private final int total;
        private final long started = nanoTime.getAsLong();
        private long lastLine = started;
        private int done;
        private int installers;
        private long bytes;

        Progress(int total) {
            this.total = total;
        }

        void wrote(long size) {
            installers++;
            bytes += size;
        }

        void donorDone() {
            done++;
            long now = nanoTime.getAsLong();
            boolean tenth = total >= 20 && done < total && done % Math.max(1, total / 10) == 0;
            if (now - lastLine >= PROGRESS_INTERVAL_NANOS || tenth) {
                lastLine = now;
                double seconds = Math.max((now - started) / 1e9, 1e-9);
                double rate = done / seconds;
                log.info(String.format("Customized %d/%d donors (%d installers, %s), %.0f donors/s, about %.0f s left",
                        done, total, installers, bytes(bytes), rate, (total - done) / rate));
            }
        }
    }

    /** "512 bytes", "4.9 MiB", "146.21 GiB". */
    static String bytes(long count) {
        if (count < 1024 * 1024) {
            return count + " bytes";
        }
        return count < 1024L * 1024 * 1024 ? String.format("%.1f MiB", count / (1024.0 * 1024))
                : String.format("%.2f GiB", count / (1024.0 * 1024 * 1024));
    }
}
