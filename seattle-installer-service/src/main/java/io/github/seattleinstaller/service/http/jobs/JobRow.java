package io.github.seattleinstaller.service.http.jobs;

import io.github.seattleinstaller.service.jobs.Job;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A job as the pages show it: its state, progress and pace, as text ready to print. */
public record JobRow(String id, String shortId, String createdAt, String template, String table, String state,
        int built, int failed, int total, int percent, String rate, String timeLeft, boolean ended) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public static JobRow of(Job job, Instant now) {
        return new JobRow(job.id().hex(), job.id().hex().substring(0, 10), TIME.format(job.createdAt()),
                job.templateName(), job.tableName(), job.state().label(), job.built(), job.failed(), job.total(),
                job.percent(), job.rate(now).map(rate -> String.format(Locale.ROOT, "%.0f donors/s", rate)).orElse(""),
                job.timeLeft(now).map(JobRow::duration).orElse(""), job.state().ended());
    }

    public int processed() {
        return built + failed;
    }

    static String duration(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
