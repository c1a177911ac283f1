package io.github.seattleinstaller.service.http.jobs;

import java.util.List;

/**
 * A job's page: its state and progress, its log (the job's own lines and the last donors'), and while it runs, the
 * cursor its live log continues from.
 *
 * @param earlierDonorLines donors' lines not shown (the full log has them)
 * @param cursor            where the live log ({@code events}) starts: the last event and donor shown
 * @param notice            a line about what was just done (cancel requested, ...), or empty
 */
public record JobPage(JobRow job, String startedAt, String finishedAt, String instance, int runs, String error,
        String webhook, String email, String retryOf, List<LogLine> log, int earlierDonorLines, String cursor,
        String notice, boolean cancellable, boolean retryable, boolean deletable, String base) {
    public JobPage {
        log = List.copyOf(log);
    }

    public String page() {
        return base + "/jobs/" + job.id() + "/";
    }
}
