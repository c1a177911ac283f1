package io.github.seattleinstaller.service.store;

import io.github.seattleinstaller.service.clearinghouse.BuildId;
import io.github.seattleinstaller.service.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stores on a real PostgreSQL that stops while the pool holds connections to it. The first statement after the
 * stop runs on a pooled connection the server has closed; its failure, not the rollback's that follows ("Connection
 * is closed", without an SQLSTATE), is what the caller sees, so it is a {@link DatabaseUnavailableException} like
 * every later one, and the service can answer "try again later" instead of "internal error". And a server that
 * stops answering without closing anything (frozen, as behind a network partition) fails a statement after the
 * answer timeout, as not answering, instead of holding it for ever.
 */
class StoreOutageTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123Z");
    private final SecureRandom random = new SecureRandom();

    private StoredBuild build() {
        return new StoredBuild(BuildId.random(random), NOW, NOW.truncatedTo(ChronoUnit.SECONDS), Optional.empty(),
                Optional.empty(), "Percent 100\nOwner 3 33\n", new byte[] {1, 2, 3}, "f".repeat(64), "b".repeat(64));
    }

    @Test
    void aWriteOnAConnectionTheStoppedServerClosedIsDatabaseUnavailableAndTheStoreRecovers() throws Exception {
        try (BuildStore store = BuildStore.open(POSTGRES.createDatabase(), PostgresServer.USER, "", 4)) {
            StoredBuild before = store.insertOrFind(build(), NOW);

            POSTGRES.stop();
            IOException first = assertThrows(IOException.class, () -> store.insertOrFind(build(), NOW));
            assertInstanceOf(DatabaseUnavailableException.class, first, () -> "the first write after the stop: "
                    + first);
            IOException read = assertThrows(IOException.class, () -> store.find(before.id(), NOW));
            assertInstanceOf(DatabaseUnavailableException.class, read, read::toString);

            POSTGRES.start();
            StoredBuild after = onceAnswering(() -> store.insertOrFind(build(), NOW));
            assertEquals(Optional.of(before.id()), store.find(before.id(), NOW).map(StoredBuild::id));
            assertEquals(Optional.of(after.id()), store.find(after.id(), NOW).map(StoredBuild::id));
        }
    }

    @Test
    void aStatementTheFrozenServerDoesNotAnswerFailsAfterTheAnswerTimeoutAndTheDatabaseRecovers() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        try (ServiceDatabase database = ServiceDatabase.open(POSTGRES.createDatabase(), PostgresServer.USER, "", 4,
                timeout); BuildStore store = new BuildStore(database)) {
            StoredBuild before = store.insertOrFind(build(), NOW);
            try (Connection connection = database.connection()) {
                POSTGRES.pause();
                long started = System.nanoTime();
                try {
                    SQLException cut = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                            SQLException.class, () -> connection.createStatement().executeQuery("SELECT 1")),
                            "a frozen server holds the statement for ever without the answer timeout");
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertTrue(ServiceDatabase.unavailable(cut), () -> "counted as not answering: " + cut);
                    assertTrue(took.compareTo(timeout.minusMillis(200)) >= 0 && took.compareTo(Duration.ofSeconds(10)) < 0,
                            "cut off after the timeout: " + took);
                    System.out.printf("a statement to the frozen server failed after %d ms%n", took.toMillis());
                } finally {
                    POSTGRES.resume();
                }
            }
            assertEquals(Optional.of(before.id()), onceAnswering(() -> store.find(before.id(), NOW)).map(StoredBuild::id),
                    "the database answers again");
        }
    }

    /**
     * What {@code work} gives once the server answers again. Connections the pool lent within its last half second
     * are handed out again without a check, so the first tries may still meet one the old server closed; each such
     * try fails at once as unavailable and the pool drops that connection.
     */
    private static <T> T onceAnswering(Callable<T> work) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return work.call();
            } catch (DatabaseUnavailableException e) {
                if (attempt == 8) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }
}
