package io.github.seattleinstaller.service.http.jobs;

import java.util.List;

/**
 * The queue view: jobs newest first, a page at a time, optionally of one state.
 *
 * @param state  the state shown, or empty for all
 * @param states every state, for the filter
 */
public record QueuePage(List<JobRow> jobs, String state, List<String> states, int page, int pages, int total,
        String base) {
    public QueuePage {
        jobs = List.copyOf(jobs);
        states = List.copyOf(states);
    }

    /** The URL of another page of the same filter, or of another filter's first page. */
    public String link(String forState, int forPage) {
        StringBuilder url = new StringBuilder(base + "/jobs/");
        String separator = "?";
        if (!forState.isEmpty()) {
            url.append(separator).append("state=").append(forState);
            separator = "&";
        }
        if (forPage > 1) {
            url.append(separator).append("page=").append(forPage);
        }
        return url.toString();
    }
}
