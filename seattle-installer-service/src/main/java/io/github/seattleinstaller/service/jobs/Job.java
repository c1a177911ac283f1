package io.github.seattleinstaller.service.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A job as recorded: its state and progress, without its input.
 *
 * @param total          the donors in its table
 * @param built          donors built so far
 * @param failed         donors that could not be built
 * @param runStartedAt   when the current (or last) run began: a resume starts a new run
 * @param runStartDone   donors built and failed before that run, for the rate of this run
 * @param instance       the instance running it, or that ran it last
 * @param runs           how many runs it had: more than 1 after a resume
 * @param error          why it failed, if it did
 */
public record Job(JobId id, Instant createdAt, JobState state, String templateName, String tableName,
        NoticeTargets notices, Optional<JobId> retryOf, int total, int built, int failed, boolean cancelRequested,
        Optional<Instant> startedAt, Optional<Instant> finishedAt, Optional<Instant> runStartedAt, int runStartDone,
        Optional<String> instance, int runs, Optional<String> error) {

    /** Donors with an outcome, built or failed. */
    public int processed() {
        return built + failed;
    }

    /** 0 to 100. */
    public int percent() {
        return total == 0 ? 100 : (int) Math.floor(100.0 * processed() / total);
    }

    /** Donors per second in the current run, once it has run a little. */
    public Optional<Double> rate(Instant now) {
        if (runStartedAt.isEmpty()) {
            return Optional.empty();
        }
        Instant end = state.ended() ? finishedAt.orElse(now) : now;
        double seconds = Duration.between(runStartedAt.get(), end).toMillis() / 1000.0;
        int inRun = processed() - runStartDone;
        return seconds < 0.2 || inRun <= 0 ? Optional.empty() : Optional.of(inRun / seconds);
    }

    /** The time the rest of the donors should take at the current rate, while running. */
    public Optional<Duration> timeLeft(Instant now) {
        if (state != JobState.RUNNING) {
            return Optional.empty();
        }
        return rate(now).map(rate -> Duration.ofMillis((long) ((total - processed()) / rate * 1000)));
    }
}
