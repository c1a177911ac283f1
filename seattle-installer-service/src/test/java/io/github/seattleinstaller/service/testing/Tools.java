package io.github.seattleinstaller.service.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the independent tools the end-to-end tests check with: python3, curl, tar, unzip, openssl, sh. */
public final class Tools {
    private Tools() {
    }

    public record Result(int exitCode, String output) {
    }

    /** Runs the command in {@code directory}; stdin is empty; stdout and stderr together. */
    public static Result run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Runs the command and requires exit code 0. */
    public static String ok(Path directory, String... command) throws IOException, InterruptedException {
        Result result = run(directory, List.of(command));
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /** Runs a python3 script given as text, with arguments. */
    public static String python(Path directory, String script, String... arguments) throws IOException, InterruptedException {
        Path file = java.nio.file.Files.createTempFile(directory, "script", ".py");
        java.nio.file.Files.writeString(file, script);
        String[] command = new String[arguments.length + 2];
        command[0] = "python3";
        command[1] = file.toString();
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        return ok(directory, command);
    }
}
