package io.github.seattleinstaller.service.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.github.seattleinstaller.service.notices.NoticeKind;
import io.github.seattleinstaller.service.notices.NoticeSender;
import io.github.seattleinstaller.service.ops.ServiceMetrics;
import io.github.seattleinstaller.service.store.JobStore;
import io.github.seattleinstaller.service.store.ServiceDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Jobs and notices as db-scheduler tasks in the shared database. A job is one task instance (its id), claimed by one
 * instance at a time, which keeps it with heartbeats; when the heartbeats stop (the instance was killed), another
 * instance's scheduler finds the execution dead after {@code missedHeartbeats} intervals, revives it, and runs it
 * again, and the run resumes ({@link JobRunner}). A job is taken over after at most
 * {@code heartbeat × (missedHeartbeats + 2) + polling} ({@link #takeoverTime}): 13 s with the default 2 s heartbeat
 *
 * <p>Each notice of a job's end is a task too ({@code <job id>:webhook}, {@code <job id>:email}), scheduled once the
 * job is marked ended and retried with exponential backoff; every attempt that fails, and the final outcome, go to
 * the job's log. A recurring sweep (on one instance at a time) schedules any queued job whose task is missing and
 * the notices of any ended job that has not had them scheduled: what an instance killed at the wrong moment left.
 */
public final class JobScheduler implements JobRunner.Ends, AutoCloseable {
    public static final String JOB_TASK = "seattle-job";
    public static final String NOTICE_TASK = "seattle-notice";
    public static final String SWEEP_TASK = "seattle-job-sweep";
    public static final int MISSED_HEARTBEATS = 4;
    public static final Duration POLLING = Duration.ofSeconds(1);
    /** A job that fails this many runs in a row (the database failing, say) fails. */
    static final int MAX_RUN_FAILURES = 5;
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

    private final ServiceDatabase database;
    private final JobStore jobs;
    private final NoticeSender notices;
    private final Clock clock;
    private final String instance;
    private final Duration heartbeat;
    private final int threads;
    private final ServiceMetrics metrics;
    private final OneTimeTask<Void> jobTask;
    private final OneTimeTask<Void> noticeTask;
    private final RecurringTask<Void> sweepTask;
    private JobRunner runner;
    private Scheduler scheduler;

    /**
     * @param heartbeat how often a running job's instance says it is alive
     * @param threads   jobs and notices run at once on this instance
     * @param metrics   counts the jobs that end
     */
    public JobScheduler(ServiceDatabase database, JobStore jobs, NoticeSender notices, Clock clock, String instance,
            Duration heartbeat, int threads, ServiceMetrics metrics) {
        this.database = database;
        this.jobs = jobs;
        this.notices = notices;
        this.clock = clock;
        this.instance = instance;
        this.heartbeat = heartbeat;
        this.threads = threads;
        this.metrics = metrics;
        this.jobTask = Tasks.oneTime(JOB_TASK)
                .onFailure(this::jobFailed)
                .onDeadExecutionRevive()
                .execute((task, context) -> runJob(new JobId(task.getId()),
                        () -> context.getSchedulerState().isShuttingDown()));
        this.noticeTask = Tasks.oneTime(NOTICE_TASK)
                .onFailure(this::noticeFailed)
                .onDeadExecutionRevive()
                .execute((task, context) -> sendNotice(task.getId()));
        this.sweepTask = Tasks.recurring(SWEEP_TASK, FixedDelay.of(SWEEP_EVERY))
                .execute((task, context) -> sweep());
    }

    /** The longest a job waits after its instance died before another instance resumes it. */
    public static Duration takeoverTime(Duration heartbeat) {
        return heartbeat.multipliedBy(MISSED_HEARTBEATS + 2).plus(POLLING);
    }

    /** Starts polling for jobs and notices, running them with {@code runner}. */
    public synchronized void start(JobRunner runner) {
        this.runner = runner;
        this.scheduler = Scheduler.create(database.dataSource(), List.of(jobTask, noticeTask))
                .startTasks(sweepTask)
                .schedulerName(new SchedulerName.Fixed(instance))
                .threads(threads)
                .pollingInterval(POLLING)
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(Duration.ofSeconds(20))
                .build();
        scheduler.start();
    }

    /** Schedules the job to run now on whichever instance takes it first. */
    public void schedule(JobId id) {
        scheduler.scheduleIfNotExists(jobTask.instance(id.hex()), clock.instant());
    }

    /** Removes a queued job's task (the job was deleted); a task already running is not touched. */
    public void unschedule(JobId id) {
        try {
            scheduler.cancel(jobTask.instance(id.hex()));
        } catch (RuntimeException e) {
            // Not scheduled any more (it ran), or it is running: the run finds the job gone and stops.
            LOG.debug("Job {} had no task to remove: {}", id, e.getMessage());
        }
    }

    /** A job ended, whichever way (its run, a cancel while queued, too many failed runs): counted, notices scheduled. */
    @Override
    public void ended(JobId id, JobState state, NoticeTargets targets) throws IOException {
        metrics.jobEnded(state.label());
        scheduleNotices(id, targets);
    }

    private void scheduleNotices(JobId id, NoticeTargets targets) throws IOException {
        List<NoticeKind> kinds = new ArrayList<>();
        targets.webhook().ifPresent(unused -> kinds.add(NoticeKind.WEBHOOK));
        targets.email().ifPresent(unused -> kinds.add(NoticeKind.EMAIL));
        for (NoticeKind kind : kinds) {
            scheduler.scheduleIfNotExists(noticeTask.instance(id.hex() + ":" + kind.label()), clock.instant());
        }
        if (!kinds.isEmpty()) {
            jobs.noticesScheduled(id);
        }
    }

    private void runJob(JobId id, java.util.function.BooleanSupplier stopping) {
        try {
            runner.run(id, stopping);
        } catch (IOException e) {
            throw new JobRunFailed(e);
        }
    }

    /** A run that did not end its job: tried again (resumed) by the job library. */
    private static final class JobRunFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JobRunFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private void jobFailed(ExecutionComplete complete, ExecutionOperations<Void> operations) {
        JobId id = new JobId(complete.getExecution().getId());
        Throwable cause = complete.getCause().map(e -> e.getCause() != null ? e.getCause() : e).orElse(null);
        Instant now = clock.instant();
        if (cause instanceof JobRunner.Stopped) {
            // Not a failure: take it up again at once, here after a restart or on another instance.
            operations.reschedule(complete, now);
            return;
        }
        int failures = complete.getExecution().consecutiveFailures + 1;
        String reason = cause == null ? "unknown" : String.valueOf(cause.getMessage());
        if (failures >= MAX_RUN_FAILURES) {
            log(id, JobEvent.ERROR, "Run " + failures + " failed too (" + reason + "): the job fails");
            try {
                if (jobs.finish(id, JobState.FAILED, Optional.of(reason), now, "Failed after " + failures
                        + " failed runs: " + reason)) {
                    ended(id, JobState.FAILED, jobs.find(id).map(Job::notices).orElse(NoticeTargets.NONE));
                }
            } catch (IOException e) {
                LOG.error("Job {} failed and cannot be marked failed: {}", id, e.getMessage());
            }
            operations.remove();
            return;
        }
        Duration wait = Duration.ofSeconds(5L << Math.min(6, failures - 1));
        log(id, JobEvent.WARN, "The run failed (" + reason + "); the job resumes in " + wait.toSeconds() + " s");
        operations.reschedule(complete, now.plus(wait));
    }

    private void sendNotice(String taskId) {
        int colon = taskId.lastIndexOf(':');
        JobId id = new JobId(taskId.substring(0, colon));
        NoticeKind kind = NoticeKind.ofLabel(taskId.substring(colon + 1)).orElseThrow();
        Optional<String> sent;
        try {
            sent = notices.deliver(id, kind);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new NoticeFailed(e);
        }
        sent.ifPresent(message -> log(id, JobEvent.INFO, message));
    }

    /** A notice that could not be delivered this time. */
    private static final class NoticeFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoticeFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    private void noticeFailed(ExecutionComplete complete, ExecutionOperations<Void> operations) {
        String taskId = complete.getExecution().getId();
        int colon = taskId.lastIndexOf(':');
        JobId id = new JobId(taskId.substring(0, colon));
        String kind = taskId.substring(colon + 1);
        Throwable cause = complete.getCause().map(e -> e instanceof NoticeFailed && e.getCause() != null ? e.getCause() : e)
                .orElse(null);
        Instant now = clock.instant();
        if (cause instanceof NoticeSender.NotEnded) {
            operations.reschedule(complete, now.plusSeconds(1));
            return;
        }
        int attempt = complete.getExecution().consecutiveFailures + 1;
        int max = notices.settings().maxAttempts();
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (attempt >= max) {
            log(id, JobEvent.ERROR, "Notice by " + kind + " failed on attempt " + attempt + " of " + max + " (" + reason
                    + "): given up; the job is not affected");
            operations.remove();
            return;
        }
        Duration wait = notices.settings().backoff(attempt);
        log(id, JobEvent.WARN, "Notice by " + kind + " failed on attempt " + attempt + " of " + max + " (" + reason
                + "); next attempt in " + wait.toMillis() / 1000.0 + " s");
        operations.reschedule(complete, now.plus(wait));
    }

    /**
     * Schedules queued jobs whose task is missing (recorded by an instance that died before scheduling them), and the
     * notices of ended jobs that did not get them scheduled (ended by an instance that died just then).
     */
    private void sweep() {
        try {
            Instant before = clock.instant().minus(SWEEP_EVERY);
            for (JobId id : jobs.queuedBefore(before, 1000)) {
                if (scheduler.scheduleIfNotExists(jobTask.instance(id.hex()), clock.instant())) {
                    LOG.info("Job {} was queued without a task: scheduled it", id);
                }
            }
            for (JobId id : jobs.endedWithoutNotices(before, 1000)) {
                Optional<Job> job = jobs.find(id);
                if (job.isPresent()) {
                    LOG.info("Job {} ended without its notices scheduled: scheduled them", id);
                    scheduleNotices(id, job.get().notices());
                }
            }
        } catch (IOException e) {
            LOG.warn("Sweeping queued jobs failed: {}", e.getMessage());
        }
    }

    private void log(JobId id, String level, String message) {
        try {
            jobs.addEvent(id, clock.instant(), level, message);
        } catch (IOException e) {
            LOG.warn("Job {}: {} (and it cannot be logged: {})", id, message, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
