package io.github.seattleinstaller.service.jobs;

import io.github.seattleinstaller.builder.customize.BaseSet;
import io.github.seattleinstaller.builder.donors.CheckedDonors;
import io.github.seattleinstaller.builder.donors.DonorSplit;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.service.build.BuildService;
import io.github.seattleinstaller.service.ops.ServiceMetrics;
import io.github.seattleinstaller.service.build.CurrentBases;
import io.github.seattleinstaller.service.clearinghouse.BuildId;
import io.github.seattleinstaller.service.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Runs one job on this instance, once the job library has handed it here: claims it, checks its input again with the
 * core (the template and every row), then builds its donors in order through {@link BuildService#prepare} (one
 * signed vesselinfo per donor, signed on every core), recording them a chunk at a time, each chunk's builds and
 * steps in one transaction. A run that finds steps already recorded (a resume after the instance running the job
 * died) skips those donors, and gives every other donor the build id it would have had ({@link DonorBuildIds}).
 *
 * <p>A cancel stops the run before its next donor: the donors being signed at that moment (at most one per core)
 * are finished and kept. A cancel made on another instance is seen within {@value #CANCEL_POLL_MILLIS} ms. When the
 * instance stops, the run stops at its next chunk and throws {@link Stopped}, so that the job library hands the job
 * to another instance (or to this one after its restart), which resumes it.
 */
public final class JobRunner implements AutoCloseable {
    /** Donors signed together and recorded in one transaction. */
    static final int CHUNK = 64;
    static final long CANCEL_POLL_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** What a job's end sets going, once the job is marked ended: it is counted, its notices are scheduled. */
    @FunctionalInterface
    public interface Ends {
        void ended(JobId id, JobState state, NoticeTargets targets) throws IOException;
    }

    /** The instance is stopping: the job is left running, to be resumed. */
    public static final class Stopped extends IOException {
        private static final long serialVersionUID = 1L;

        Stopped(JobId id) {
            super("the instance is stopping: job " + id + " will be resumed");
        }
    }

    private final JobStore jobs;
    private final BuildService builds;
    private final Clock clock;
    private final String instance;
    private final Ends ends;
    private final ServiceMetrics metrics;
    private final ExecutorService signers;
    private final ExecutorService writer;
    private final ScheduledExecutorService watcher;
    private final Map<JobId, AtomicBoolean> cancels = new ConcurrentHashMap<>();

    /** @param signingThreads threads that sign donors' vesselinfo (one per core is right) */
    public JobRunner(JobStore jobs, BuildService builds, Clock clock, String instance, Ends ends, ServiceMetrics metrics,
            int signingThreads) {
        this.jobs = jobs;
        this.builds = builds;
        this.clock = clock;
        this.instance = instance;
        this.ends = ends;
        this.metrics = metrics;
        this.signers = Executors.newFixedThreadPool(signingThreads, daemon("job-signer"));
        this.writer = Executors.newCachedThreadPool(daemon("job-writer"));
        this.watcher = Executors.newSingleThreadScheduledExecutor(daemon("job-cancel-watch"));
    }

    public String instance() {
        return instance;
    }

    /** Stops a run of the job on this instance before its next donor, if one is going; true if one was. */
    public boolean cancelLocally(JobId id) {
        AtomicBoolean flag = cancels.get(id);
        if (flag != null) {
            flag.set(true);
        }
        return flag != null;
    }

    /**
     * Runs the job if it is queued, or running (a resume); does nothing if it has ended or is gone.
     *
     * @param stopping true once this instance is stopping
     * @throws Stopped when the instance stops before the job ends
     * @throws IOException when the database fails: the job library tries again later, and the run resumes
     */
    public void run(JobId id, BooleanSupplier stopping) throws IOException {
        Optional<Job> claimed = jobs.claim(id, instance, clock.instant());
        if (claimed.isEmpty()) {
            return;
        }
        Optional<JobStore.StoredInput> input = jobs.input(id);
        if (input.isEmpty()) {
            return;
        }
        AtomicBoolean cancel = new AtomicBoolean();
        cancels.put(id, cancel);
        ScheduledFuture<?> watch = watcher.scheduleWithFixedDelay(() -> watchCancel(id, cancel), CANCEL_POLL_MILLIS,
                CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS);
        try {
            run(claimed.get(), input.get(), cancel, stopping);
        } finally {
            watch.cancel(false);
            cancels.remove(id, cancel);
        }
    }

    private void watchCancel(JobId id, AtomicBoolean cancel) {
        try {
            if (!cancel.get() && jobs.cancelRequested(id)) {
                cancel.set(true);
            }
        } catch (IOException e) {
            LOG.warn("Cannot read whether job {} was cancelled: {}", id, e.getMessage());
        }
    }

    private void run(Job job, JobStore.StoredInput stored, AtomicBoolean cancel, BooleanSupplier stopping)
            throws IOException {
        JobId id = job.id();
        Instant started = clock.instant();
        int before = job.processed();
        jobs.addEvent(id, started, JobEvent.INFO, job.runs() == 1 ? "Started on instance " + instance
                : "Resumed on instance " + instance + " (run " + job.runs() + "): " + before + " of " + job.total()
                        + " donors were done before and are skipped");
        LOG.info("Job {}: run {} on this instance, {} of {} donors done before", id, job.runs(), before, job.total());
        metrics.jobRun(job.runs() > 1);
        if (job.cancelRequested()) {
            end(job, JobState.CANCELLED, Optional.empty(), "Cancelled before any donor of this run");
            return;
        }
        try (CurrentBases.Lease lease = builds.bases()) {
            BaseSet set = lease.set();
            CheckedDonors donors;
            try {
                donors = stored.input().check(set.operatorKey().seattlePublicKey());
            } catch (InvalidInputException e) {
                String why = "Its input no longer passes the checks it passed when it was submitted: " + e.getMessage();
                end(job, JobState.FAILED, Optional.of(why), "Failed: " + why);
                return;
            }
            if (donors.size() != job.total()) {
                String why = "Its table now has " + donors.size() + " donors, not the " + job.total() + " submitted";
                end(job, JobState.FAILED, Optional.of(why), "Failed: " + why);
                return;
            }
            buildDonors(job, stored, donors, set, cancel, stopping);
        }
        if (stopping.getAsBoolean() && !cancel.get()) {
            jobs.addEvent(id, clock.instant(), JobEvent.WARN, "Instance " + instance + " is stopping: the job will"
                    + " be resumed");
            throw new Stopped(id);
        }
        Job now = jobs.find(id).orElse(null);
        if (now == null) {
            return;
        }
        Duration took = Duration.between(started, clock.instant());
        String pace = " in " + seconds(took) + now.rate(clock.instant())
                .map(rate -> String.format(Locale.ROOT, " (%.0f donors/s)", rate)).orElse("");
        if (cancel.get()) {
            end(now, JobState.CANCELLED, Optional.empty(), "Cancelled after " + now.processed() + " of " + now.total()
                    + " donors (" + now.built() + " built)");
        } else if (now.processed() < now.total()) {
            String why = "Only " + now.processed() + " of " + now.total() + " donors have an outcome after the run";
            end(now, JobState.FAILED, Optional.of(why), "Failed: " + why);
        } else if (now.failed() > 0) {
            String why = now.failed() + " of " + now.total() + " donors failed (see their lines)";
            end(now, JobState.FAILED, Optional.of(why), "Failed: " + why + "; " + now.built() + " built" + pace);
        } else {
            end(now, JobState.DONE, Optional.empty(), "Done: " + now.built() + " donors built" + pace);
        }
    }

    /** One donor waiting to be built. */
    private record Pending(int index, DonorSplit donor, BuildId buildId) {
    }

    private void buildDonors(Job job, JobStore.StoredInput stored, CheckedDonors donors, BaseSet set,
            AtomicBoolean cancel, BooleanSupplier stopping) throws IOException {
        BitSet processed = jobs.processedDonors(job.id());
        DonorBuildIds ids = new DonorBuildIds(stored.buildSeed());
        CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);
        List<Pending> chunk = new ArrayList<>(CHUNK);
        try (Stream<DonorSplit> stream = donors.stream()) {
            Iterator<DonorSplit> iterator = stream.iterator();
            int index = 0;
            while (iterator.hasNext() && !halted(cancel, stopping)) {
                DonorSplit donor = iterator.next();
                int at = index++;
                if (processed.get(at)) {
                    continue;
                }
                chunk.add(new Pending(at, donor, ids.of(at)));
                if (chunk.size() == CHUNK) {
                    writing = buildChunk(job.id(), chunk, set, cancel, stopping, writing);
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            if (!chunk.isEmpty() && !halted(cancel, stopping)) {
                writing = buildChunk(job.id(), chunk, set, cancel, stopping, writing);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            await(writing);
        }
    }

    /** Signs the chunk's donors on every core, then hands them to a writer while the next chunk is signed. */
    private CompletableFuture<Void> buildChunk(JobId id, List<Pending> chunk, BaseSet set, AtomicBoolean cancel,
            BooleanSupplier stopping, CompletableFuture<Void> previous) throws IOException {
        Instant now = clock.instant();
        List<Future<JobStore.NewStep>> signing = new ArrayList<>(chunk.size());
        for (Pending pending : chunk) {
            signing.add(signers.submit(() -> halted(cancel, stopping) ? null : step(pending, set, now)));
        }
        List<JobStore.NewStep> steps = new ArrayList<>(chunk.size());
        for (Future<JobStore.NewStep> future : signing) {
            JobStore.NewStep step = get(future);
            if (step != null) {
                steps.add(step);
            }
        }
        await(previous);
        if (steps.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            try {
                boolean cancelled = jobs.recordSteps(id, steps, now);
                int built = (int) steps.stream().filter(step -> step.build().isPresent()).count();
                metrics.jobDonors(built, steps.size() - built);
                if (cancelled) {
                    cancel.set(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, writer);
    }

    private JobStore.NewStep step(Pending pending, BaseSet set, Instant now) {
        String name = pending.donor().name().value();
        try {
            BuildService.PreparedBuild build = builds.prepare(pending.buildId(), pending.donor().vesselInfo(), set, now);
            return new JobStore.NewStep(pending.index(), name, Optional.of(build.build()), build.installers(),
                    Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("Donor {} ({}) could not be built", name, pending.donor().origin(), e);
            return new JobStore.NewStep(pending.index(), name, Optional.empty(), List.of(),
                    Optional.of(pending.donor().origin() + ": " + e.getMessage()));
        }
    }

    private void end(Job job, JobState state, Optional<String> error, String message) throws IOException {
        if (jobs.finish(job.id(), state, error, clock.instant(), message)) {
            LOG.info("Job {}: {}", job.id(), message);
            ends.ended(job.id(), state, job.notices());
        }
    }

    private static boolean halted(AtomicBoolean cancel, BooleanSupplier stopping) {
        return cancel.get() || stopping.getAsBoolean();
    }

    private static <T> T get(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while signing donors");
        } catch (ExecutionException e) {
            throw new IOException("signing a donor failed: " + e.getCause(), e.getCause());
        }
    }

    private static void await(CompletableFuture<Void> writing) throws IOException {
        try {
            writing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException("recording donors failed: " + e.getCause(), e.getCause());
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        signers.shutdownNow();
        writer.shutdownNow();
    }
}
