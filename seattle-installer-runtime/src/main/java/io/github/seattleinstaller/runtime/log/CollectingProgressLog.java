package io.github.seattleinstaller.runtime.log;

import java.util.ArrayList;
import java.util.List;

/** Keeps every line in memory, prefixed with its level; used by tests and by dry runs. */
public final class CollectingProgressLog implements ProgressLog {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public synchronized void warn(String message) {
        lines.add("WARN " + message);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized List<String> warnings() {
        return lines.stream().filter(line -> line.startsWith("WARN ")).map(line -> line.substring(5)).toList();
    }
}
