package io.github.seattleinstaller.builder.output;

import io.github.seattleinstaller.builder.InputLabel;
import io.github.seattleinstaller.builder.archive.EntryTimes;
import io.github.seattleinstaller.runtime.input.InputProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a build writes its outputs and the time its archive entries carry, with what the caller calls
 * each of them, and the one pre-flight that base installers and customized installers both pass before
 * anything is written: the time can be stored in every archive format, the output directory is a directory
 * (or can be created: it does not lie inside a file), and nothing at an output's path would stop the output
 * from replacing it.
 *
 * @param directory      where the outputs go; created when missing
 * @param directoryLabel what the caller calls the directory ({@link InputLabel})
 * @param timestamp      the time of every entry written; when absent, the time of the build
 * @param timestampLabel what the caller calls the timestamp
 */
public record OutputPlan(Path directory, String directoryLabel, Optional<Instant> timestamp, String timestampLabel) {
    public static final String DEFAULT_DIRECTORY_LABEL = "output directory";
    public static final String DEFAULT_TIMESTAMP_LABEL = "output timestamp";
    /**
     * What a name the caller chooses for outputs (a base name, a manifest name) may be: one file name in the output
     * directory, never a path or a hidden file.
     */
    public static final String PLAIN_NAME_RULE = "letters, digits and . _ + - (starting with a letter or digit)";
    private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._+-]*");

    /** Whether {@code name} follows {@link #PLAIN_NAME_RULE}. */
    public static boolean isPlainName(String name) {
        return name != null && PLAIN_NAME.matcher(name).matches();
    }

    /**
     * The problem with a name the caller chose for outputs, unless it is plain.
     *
     * @param label what the caller calls the name ({@link InputLabel})
     * @param what  what the name is, for the rule: "base file name", "manifest name"
     */
    public static Optional<InputProblem> plainNameProblem(String label, String what, String name) {
        return isPlainName(name) ? Optional.empty() : Optional.of(InputProblem.whole(label, "the " + what + " is "
                + PLAIN_NAME_RULE, "'" + name + "'"));
    }

    public OutputPlan {
        Objects.requireNonNull(directory, "the output directory is required");
        Objects.requireNonNull(directoryLabel, "directoryLabel");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(timestampLabel, "timestampLabel");
    }

    /**
     * Every reason the outputs named cannot be written as planned.
     *
     * @param fileNames the file name of every output, in the directory
     */
    public List<InputProblem> problems(Collection<String> fileNames) {
        List<InputProblem> problems = new ArrayList<>();
        timestamp.map(EntryTimes::problem).ifPresent(problem ->
                problems.add(InputProblem.whole(timestampLabel, EntryTimes.RULE, problem)));
        Path existing = directory.toAbsolutePath();
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            problems.add(InputProblem.whole(InputLabel.of(directoryLabel, directory), "the output directory is a directory",
                    existing.equals(directory.toAbsolutePath()) ? "it is a file" : "it lies inside " + existing
                            + ", which is a file"));
            return problems;
        }
        for (String fileName : fileNames) {
            Path target = directory.resolve(fileName);
            // A directory cannot be replaced by an atomic rename, so the outputs could not be moved into place.
            if (Files.isDirectory(target)) {
                problems.add(InputProblem.whole(InputLabel.of(directoryLabel, target),
                        "an output can replace what is at its path", "it is a directory"));
            }
        }
        return problems;
    }

    /** The time to stamp on the entries written now: the timestamp, or the current second. */
    public Instant entryTime() {
        return timestamp.orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
