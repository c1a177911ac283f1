package io.github.seattleinstaller.maven;

import org.apache.maven.plugin.MojoFailureException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code project.build.outputTimestamp} as Maven's reproducible-builds convention defines it: an ISO-8601
 * date-time or seconds since the epoch; empty or a single character means "not reproducible".
 */
final class OutputTimestamp {
    private OutputTimestamp() {
    }

    static Optional<Instant> parse(String value) throws MojoFailureException {
        if (value == null || value.strip().length() < 2) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
            }
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw AbstractSeattleMojo.parameterProblem("outputTimestamp", "'" + text + "' is neither an ISO-8601"
                    + " date-time such as 2026-11-01T00:00:00Z nor seconds since 1970 (project.build.outputTimestamp)");
        }
    }
}
