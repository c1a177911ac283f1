package io.github.seattleinstaller.service.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;

/**
 * The service's database: builds, jobs, templates and the job library's tasks. An H2 file database under the data
 * directory by default (one instance), or PostgreSQL shared by any number of instances ({@code --db-url
 * jdbc:postgresql://...}). The migrations ({@code db/migration}) are plain SQL that both run unchanged, applied by
 * Flyway when the database opens; instances starting together on one PostgreSQL database serialize their
 * migrations through Flyway's lock.
 *
 * <p>SQL failures are reported as {@link IOException}: to the service, the database is storage. A database that does
 * not answer (stopped, restarting, out of reach) is a {@link DatabaseUnavailableException}: nothing about the request
 * is wrong, and the pool recovers by itself when the database is back, since it checks a connection that was idle
 * before lending it, drops broken ones and opens new ones as they are asked for.
 */
public final class ServiceDatabase implements AutoCloseable {
    /** SQLSTATE of a unique or primary key violation, in H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";
    /** PostgreSQL's SQLSTATEs of a server shutting down (admin, crash) or not accepting connections yet. */
    private static final Set<String> SERVER_GOING_OR_COMING = Set.of("57P01", "57P02", "57P03");
    /**
     * How long a request waits for a connection before the database counts as not answering. HikariCP's default, 30 s,
     * held every request (and the health check) that long while the database was down; a healthy pool lends one in
     * milliseconds, so a few seconds is ample under load.
     */
    private static final long CONNECTION_TIMEOUT_MILLIS = 5_000;
    /**
     * How long a PostgreSQL statement may go without an answer before the database counts as not answering, by
     * default ({@code --db-timeout}): PgJDBC waits for ever, so a server that stops answering without closing its
     * connections (a network partition, a frozen host) would hold every request that reached it.
     */
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(30);
    /** How long checking that a connection still works may take (less than the connection timeout). */
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    /** The engines the migrations are written for. */
    public enum Engine {
        H2, POSTGRESQL
    }

    private final HikariDataSource dataSource;
    private final Engine engine;
    private final String description;

    private ServiceDatabase(HikariDataSource dataSource, Engine engine, String description) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.description = description;
    }

    /**
     * The JDBC URL of the H2 database in {@code dataDirectory}. Each commit is written to the file at once
     * ({@code WRITE_DELAY=0}): a build answered to a client survives a kill of the process. H2 is not closed by
     * its own shutdown hook, so that a graceful stop can finish its requests first.
     */
    public static String h2Url(Path dataDirectory) {
        return "jdbc:h2:file:" + dataDirectory.toAbsolutePath().normalize().resolve("builds")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Opens the database and brings its schema up to date.
     *
     * @param jdbcUrl  {@code jdbc:h2:...} or {@code jdbc:postgresql://...}
     * @param poolSize the most connections held; at least 4 are (the build writer holds one, the job library one
     *                 while it polls)
     */
    public static ServiceDatabase open(String jdbcUrl, String user, String password, int poolSize) throws IOException {
        return open(jdbcUrl, user, password, poolSize, DEFAULT_ANSWER_TIMEOUT);
    }

    /**
     * As {@link #open(String, String, String, int)}, with how long a PostgreSQL statement may wait for the server's
     * answer ({@link Duration#ZERO}: for ever). A statement cut off by it fails as the database not answering. It is
     * PgJDBC's {@code socketTimeout}, in whole seconds; one in the URL wins. It does not apply to H2, which has no
     * server, nor to the schema migrations at start, which may rightly take long.
     */
    public static ServiceDatabase open(String jdbcUrl, String user, String password, int poolSize,
            Duration answerTimeout) throws IOException {
        Engine engine = engineOf(jdbcUrl);
        String description = withoutSecrets(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(Math.max(4, poolSize));
        config.setPoolName("seattle-db");
        config.setAutoCommit(true);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_SECONDS * 1000L);
        // A database that is not there yet (another instance starting it) is an error at once, not in 30 s.
        config.setInitializationFailTimeout(10_000);
        if (engine == Engine.POSTGRESQL && !answerTimeout.isZero()) {
            config.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1, answerTimeout.toSeconds())));
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IOException("Cannot open the database " + description + ": " + rootMessage(e), e);
        }
        try {
            // On connections of their own, without the answer timeout of the pool's.
            Flyway.configure().dataSource(jdbcUrl, user, password).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IOException("Cannot bring the database " + description + " up to date: " + rootMessage(e), e);
        }
        return new ServiceDatabase(dataSource, engine, description);
    }

    private static Engine engineOf(String jdbcUrl) throws IOException {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return Engine.H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return Engine.POSTGRESQL;
        }
        throw new IOException("The database URL " + withoutSecrets(jdbcUrl) + " is neither jdbc:h2: nor"
                + " jdbc:postgresql: (the engines the migrations are written for)");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Engine engine() {
        return engine;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** True if a query answers within a few seconds. */
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The URL without any password it holds, for messages and logs. */
    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Runs {@code work} in one transaction, committed if it returns, rolled back if it throws. What {@code work}
     * threw is what the caller gets: once a connection broke, the rollback fails too (the pool has closed the
     * connection, "Connection is closed", without an SQLSTATE), and that second failure would hide that the
     * database stopped answering. The pool sets auto-commit back when the connection is returned.
     */
    <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        }
    }

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    static IOException failure(String what, SQLException e) {
        String message = "Cannot " + what + " in the database: " + e.getMessage();
        return unavailable(e) ? new DatabaseUnavailableException(message, e) : new IOException(message, e);
    }

    /**
     * Whether the failure is the database not answering rather than the statement: the pool lent no connection in
     * time, the connection failed or broke (SQLSTATE class 08), or the server is shutting down or starting up
     * (PostgreSQL's 57P01, 57P02, 57P03).
     */
    static boolean unavailable(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_OR_COMING.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure is a unique key taken already (SQLSTATE 23505), on the exception, a batch's next
     * exceptions or its cause.
     */
    static boolean uniqueViolation(SQLException e) {
        for (SQLException at = e; at != null; at = at.getNextException()) {
            if (UNIQUE_VIOLATION.equals(at.getSQLState())) {
                return true;
            }
        }
        return e.getCause() instanceof SQLException cause && UNIQUE_VIOLATION.equals(cause.getSQLState());
    }

    /** The JDBC URL with any {@code password=} value masked, for messages and logs. */
    public static String withoutSecrets(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
