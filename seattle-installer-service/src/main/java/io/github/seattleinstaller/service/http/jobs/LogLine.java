package io.github.seattleinstaller.service.http.jobs;

import io.github.seattleinstaller.service.jobs.JobEvent;
import io.github.seattleinstaller.service.jobs.JobStep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A line of a job's log as shown: the job's own events and its donors' outcomes, in time order. */
public record LogLine(Instant at, String level, String text) {
    public static LogLine of(JobEvent event) {
        return new LogLine(event.at(), event.level(), event.message());
    }

    public static LogLine of(JobStep step) {
        return new LogLine(step.at(), step.built() ? JobEvent.INFO : JobEvent.ERROR, step.logLine());
    }

    /** {@code 2026-12-01T10:00:00.123Z INFO  donor alice: built ...} */
    public String formatted() {
        return at + " " + String.format(Locale.ROOT, "%-5s", level.toUpperCase(Locale.ROOT)) + " " + text;
    }

    /** The events and steps merged by time, events first at equal times (a step's events come before it). */
    public static List<LogLine> merge(List<JobEvent> events, List<JobStep> steps) {
        List<LogLine> lines = new ArrayList<>(events.size() + steps.size());
        events.forEach(event -> lines.add(of(event)));
        steps.forEach(step -> lines.add(of(step)));
        // A stable sort: at equal times, lines keep their order, the events before the steps.
        lines.sort(Comparator.comparing(LogLine::at));
        return List.copyOf(lines);
    }
}
