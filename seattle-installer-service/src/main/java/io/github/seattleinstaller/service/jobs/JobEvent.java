package io.github.seattleinstaller.service.jobs;

import java.time.Instant;

/**
 * A line of a job's own log (the donors' lines are its {@link JobStep}s): submitted, started or resumed and by
 * which instance, cancelled, finished, failed and why, each notice's attempts.
 *
 * @param id    increasing across all jobs: the order of the lines
 * @param level {@code info}, {@code warn} or {@code error}
 */
public record JobEvent(long id, Instant at, String level, String message) {
    public static final String INFO = "info";
    public static final String WARN = "warn";
    public static final String ERROR = "error";
}
