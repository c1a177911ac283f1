package io.github.seattleinstaller.runtime.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a measurement is given: where to measure the disk, how long it may take, and a place for notes. */
public final class MeasurementContext {
    private final Path directory;
    private final Duration budget;
    private final List<String> notes = new CopyOnWriteArrayList<>();

    /**
     * @param directory an existing directory on the file system the vessels will live on (the install
     *                  directory, or its nearest existing ancestor)
     * @param budget    how long a timed measurement runs; it always does at least one round
     */
    public MeasurementContext(Path directory, Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("a measurement budget is not negative: " + budget);
        }
        this.directory = directory;
        this.budget = budget;
    }

    public Path directory() {
        return directory;
    }

    public Duration budget() {
        return budget;
    }

    /** The {@link System#nanoTime()} at which a timed measurement starting now must stop. */
    public long deadlineFromNow() {
        return System.nanoTime() + budget.toNanos();
    }

    /**
     * Adds what this run found out about how it measured (e.g. "direct I/O unavailable: read through the
     * page cache"); the notes are logged after the description.
     */
    public void note(String note) {
        notes.add(note);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}
