package io.github.seattleinstaller.runtime.log;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The installer's log file, with a timestamp per line. Warnings are also shown on the console, since the
 * donor should see every fallback; figures and decisions go to the file only.
 *
 * <p>The file starts as a temporary file (no state exists yet to hold it, as in Seattle) and is moved
 * into the installed state at the end: {@link #close()} it, move the file, then {@link #reopen(Path)}.
 * Lines logged while it is closed (by the code that moves it) are kept and written on reopening.
 *
 * <p>Logging never throws: a line that cannot be written (a full disk) is lost, the first failure is kept
 * for {@link #failure()}, and the installer decides what it means for the install.
 */
public final class FileInstallLog implements ProgressLog, Closeable {
    private final PrintStream console;
    private final Path temporaryDirectory;
    private final Clock clock;
    private Path file;
    private BufferedWriter writer;
    private final List<String> whileClosed = new ArrayList<>();
    private IOException failure;

    private FileInstallLog(Path file, PrintStream console, Clock clock) throws IOException {
        this.console = console;
        this.clock = clock;
        this.temporaryDirectory = file.getParent();
        open(file);
    }

    /** The log's name in the installed state. */
    public static final String FILE_NAME = "install.log";

    /**
     * A log named {@value #FILE_NAME} in a new temporary directory, so that it can be moved into the
     * state under its final name.
     */
    public static FileInstallLog createTemporary(PrintStream console) throws IOException {
        Path directory = Files.createTempDirectory("seattle-install-");
        return new FileInstallLog(directory.resolve(FILE_NAME), console, Clock.systemUTC());
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void info(String message) {
        write("INFO", message);
    }

    @Override
    public synchronized void warn(String message) {
        write("WARN", message);
        console.println("warning: " + message);
    }

    private void write(String level, String message) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<String> lines = new ArrayList<>();
        for (String line : message.split("\n", -1)) {
            lines.add(now + " " + level + " " + line);
        }
        if (writer == null) {
            whileClosed.addAll(lines);
            return;
        }
        writeLines(lines);
    }

    private void writeLines(List<String> lines) {
        if (failure != null) {
            return;
        }
        try {
            for (String line : lines) {
                writer.write(line);
                writer.newLine();
            }
            writer.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The first failure to write a line, if any: the log then lacks every line from that one on. */
    public synchronized Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Continues the log in {@code movedFile}, where the closed log file has been moved. */
    public synchronized void reopen(Path movedFile) throws IOException {
        if (writer != null) {
            throw new IllegalStateException("close the log before moving it");
        }
        open(movedFile);
    }

    private void open(Path target) throws IOException {
        this.file = target;
        this.writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        writeLines(whileClosed);
        whileClosed.clear();
    }

    /**
     * Removes the temporary directory the log started in: with the log in it for a dry run, or empty once the
     * log was moved into the state. A failed install keeps it, so the donor can read why.
     */
    public synchronized void deleteTemporaryCopy() {
        try {
            Files.deleteIfExists(temporaryDirectory.resolve(FILE_NAME));
            Files.deleteIfExists(temporaryDirectory);
        } catch (IOException ignored) {
            // A leftover file in the temporary directory harms nothing; the system cleans it up.
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            BufferedWriter closing = writer;
            writer = null;
            closing.close();
        }
    }
}
