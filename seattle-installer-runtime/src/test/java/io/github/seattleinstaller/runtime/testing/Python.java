package io.github.seattleinstaller.runtime.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Python interpreter run as an independent oracle: the original Seattle was Python 2, so Python's own
 * formatting and parsing is the reference for what we write.
 */
public final class Python {
    private final List<String> command;
    private final Map<String, String> environment;

    private Python(List<String> command, Map<String, String> environment) {
        this.command = command;
        this.environment = environment;
    }

    /** python3, which every build machine has (the tests fail without it rather than pass vacuously). */
    public static Python python3() {
        return new Python(List.of("python3"), Map.of());
    }

    /**
     * A Python 2 interpreter, the one Seattle's node manager ran on, if this machine has one: {@code python2}
     * on the PATH, or a 2.x installed with pyenv.
     */
    public static Optional<Python> python2() {
        Optional<Python> onPath = majorVersionIs2(new Python(List.of("python2"), Map.of()));
        if (onPath.isPresent()) {
            return onPath;
        }
        try {
            String versions = new Python(List.of("pyenv", "versions", "--bare"), Map.of()).runCommand(List.of(), "");
            return versions.lines().map(String::strip).filter(version -> version.startsWith("2."))
                    .map(version -> new Python(List.of("python2"), Map.of("PYENV_VERSION", version)))
                    .map(Python::majorVersionIs2).flatMap(Optional::stream).findFirst();
        } catch (IOException | AssertionError e) {
            return Optional.empty();
        }
    }

    private static Optional<Python> majorVersionIs2(Python candidate) {
        try {
            String major = candidate.run("import sys; sys.stdout.write(str(sys.version_info[0]))", "");
            return major.equals("2") ? Optional.of(candidate) : Optional.empty();
        } catch (IOException | AssertionError e) {
            return Optional.empty();
        }
    }

    /** Runs a script with the given standard input and arguments; returns its standard output. */
    public String run(String script, String stdin, String... arguments) throws IOException {
        List<String> tail = new ArrayList<>(List.of("-c", script));
        tail.addAll(List.of(arguments));
        return runCommand(tail, stdin);
    }

    private String runCommand(List<String> tail, String stdin) throws IOException {
        List<String> full = new ArrayList<>(command);
        full.addAll(tail);
        Path errors = Files.createTempFile("python-stderr", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(full).redirectError(errors.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            Thread feeder = new Thread(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            feeder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(full.get(0) + " did not finish");
            }
            feeder.join();
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed with exit code " + process.exitValue()
                        + ":\n" + Files.readString(errors));
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + full.get(0), e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command) + (environment.isEmpty() ? "" : " " + environment);
    }
}
