package io.github.seattleinstaller.service.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code java -jar target/seattle-installer-service-*.jar}, as the README starts it) as a
 * separate process on a free port, with its output in files.
 */
public final class ServiceProcess implements AutoCloseable {
    /** The JVM's exit status after SIGTERM, once its shutdown hooks (the graceful stop) have run. */
    public static final int SIGTERM_EXIT = 143;

    private final Process process;
    private final int port;
    private final String contextPath;
    private final Path output;

    private ServiceProcess(Process process, int port, String contextPath, Path output) {
        this.process = process;
        this.port = port;
        this.contextPath = contextPath;
        this.output = output;
    }

    /** The packaged jar, named by failsafe's {@code service.jar} property. */
    public static Path jar() {
        String jar = System.getProperty("service.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("service.jar is not set to the packaged service: run ./mvnw verify");
        }
        return Path.of(jar);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts with the test bases' key and the given options; waits until /health answers. */
    public static ServiceProcess start(Path dataDirectory, Path bases, String contextPath, Map<String, String> environment,
            String... options) throws IOException, InterruptedException {
        return startRaw(dataDirectory, contextPath, environment, standardOptions(bases, contextPath, options));
    }

    /** The test bases, the TEST-ONLY operator key, its public key as the reserved key, the context path. */
    public static List<String> standardOptions(Path bases, String contextPath, String... options) {
        List<String> extra = new ArrayList<>(List.of("--bases", bases.toString(),
                "--operator-key", TestBases.operatorKeyFile().toString(),
                "--reserved-key", TestBases.operatorPublicKeyPem().toString(),
                "--context-path", contextPath));
        extra.addAll(List.of(options));
        return extra;
    }

    /** Starts with exactly these options (plus --data and --listen); waits until /health answers. */
    public static ServiceProcess startRaw(Path dataDirectory, String contextPath, Map<String, String> environment,
            List<String> options) throws IOException, InterruptedException {
        int port = freePort();
        ServiceProcess service = launch(dataDirectory, "127.0.0.1:" + port, contextPath, environment, options);
        service.awaitHealthy();
        return service;
    }

    /** Starts without waiting, for processes expected to refuse to start. */
    public static ServiceProcess launch(Path dataDirectory, String listen, String contextPath,
            Map<String, String> environment, List<String> options) throws IOException {
        int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        Files.createDirectories(dataDirectory);
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-jar", jar().toString(),
                "--data", dataDirectory.toString(), "--listen", listen));
        command.addAll(options);
        Path output = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-process.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().remove("SEATTLE_OPERATOR_KEY");
        builder.environment().remove("SEATTLE_SERVICE_TOKEN");
        builder.environment().putAll(environment);
        return new ServiceProcess(builder.start(), port, contextPath, output);
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(root() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service did not become healthy within 60 s:\n" + output());
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT} */
    public String root() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT/<context>} without a trailing slash. */
    public String base() {
        return root() + (contextPath.equals("/") ? "" : contextPath);
    }

    public String xmlrpcUrl() {
        return base() + "/xmlrpc/";
    }

    public long pid() {
        return process.pid();
    }

    public Path outputFile() {
        return output;
    }

    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then waits for the graceful stop; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the service did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Sends SIGTERM without waiting. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public int waitForExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not exit");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
