package io.github.seattleinstaller.service.store;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.service.clearinghouse.BuildId;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The build records, in the {@link ServiceDatabase} (H2 under the data directory, or PostgreSQL shared by several
 * instances). Every write is one transaction, so
 * a kill at any moment leaves each build either wholly recorded or absent; a build is reported recorded only
 * once its transaction committed.
 *
 * <p>SQL failures are reported as {@link IOException}: to the service, the store is storage.
 */
public final class BuildStore implements AutoCloseable {

    /** The most builds one transaction records. */
    private static final int MAX_GROUP = 256;

    private final ServiceDatabase database;
    private final boolean ownsDatabase;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread writer;
    private boolean closed;

    /** The build records of an open database; closing the store leaves the database open. */
    public BuildStore(ServiceDatabase database) {
        this(database, false);
    }

    private BuildStore(ServiceDatabase database, boolean ownsDatabase) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.writer = new Thread(this::writeGroups, "build-store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** {@link ServiceDatabase#h2Url}. */
    public static String h2Url(Path dataDirectory) {
        return ServiceDatabase.h2Url(dataDirectory);
    }

    /** Opens the database, brings its schema up to date, and holds it: closing the store closes it. */
    public static BuildStore open(String jdbcUrl, String user, String password, int poolSize) throws IOException {
        return new BuildStore(ServiceDatabase.open(jdbcUrl, user, password, poolSize), true);
    }

    /**
     * Records the build or, if an unexpired build with the same request digest exists, returns that one. An
     * expired build of the same digest is replaced. Returns once the record is committed.
     *
     * <p>Commits are grouped: concurrent calls are written by one thread in one transaction, so that a commit
     * (which H2 writes to its file at once) is paid per group rather than per build.
     */
    public StoredBuild insertOrFind(StoredBuild build, Instant now) throws IOException {
        Pending pending = new Pending(build, now);
        synchronized (queue) {
            if (closed) {
                throw new IOException("The build database is closed");
            }
            queue.add(pending);
            queue.notifyAll();
        }
        try {
            return pending.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while recording build " + build.id());
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof DatabaseUnavailableException unavailable) {
                throw new DatabaseUnavailableException(unavailable.getMessage(), unavailable);
            }
            if (e.getCause() instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            throw new IOException("Cannot record build " + build.id() + ": " + e.getCause(), e.getCause());
        }
    }

    private record Pending(StoredBuild build, Instant now, CompletableFuture<StoredBuild> result) {
        Pending(StoredBuild build, Instant now) {
            this(build, now, new CompletableFuture<>());
        }
    }

    /** The writer: takes what is queued, writes it in one transaction, answers every caller. */
    private void writeGroups() {
        while (true) {
            List<Pending> group = new ArrayList<>();
            synchronized (queue) {
                while (queue.isEmpty() && !closed) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                while (!queue.isEmpty() && group.size() < MAX_GROUP) {
                    group.add(queue.poll());
                }
            }
            try {
                List<StoredBuild> results = writeGroup(group);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).result().complete(results.get(i));
                }
            } catch (SQLException groupFailed) {
                if (ServiceDatabase.unavailable(groupFailed)) {
                    // Not one bad record: no record can be written now, and trying each would hold every caller for
                    // another connection timeout.
                    group.forEach(pending -> pending.result().completeExceptionally(
                            failure("record build " + pending.build().id(), groupFailed)));
                    continue;
                }
                // One bad record must not fail the others: write them one by one.
                for (Pending pending : group) {
                    try {
                        pending.result().complete(writeGroup(List.of(pending)).get(0));
                    } catch (SQLException e) {
                        pending.result().completeExceptionally(failure("record build " + pending.build().id(), e));
                    } catch (RuntimeException e) {
                        pending.result().completeExceptionally(e);
                    }
                }
            } catch (RuntimeException e) {
                group.forEach(pending -> pending.result().completeExceptionally(e));
            }
        }
    }

    private List<StoredBuild> writeGroup(List<Pending> group) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try {
                return database.inTransaction(connection -> {
                    List<StoredBuild> results = new ArrayList<>();
                    for (Pending pending : group) {
                        results.add(insertOrFind(connection, pending.build(), pending.now()));
                    }
                    return results;
                });
            } catch (SQLException e) {
                // Another process (a second instance on a shared database) recorded the same request in between.
                if (!ServiceDatabase.uniqueViolation(e) || attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private static StoredBuild insertOrFind(Connection connection, StoredBuild build, Instant now) throws SQLException {
        if (build.requestDigest().isPresent()) {
            Optional<StoredBuild> existing = findBy(connection, "request_digest", build.requestDigest().get());
            if (existing.isPresent() && !existing.get().expiredAt(now)) {
                return existing.get();
            }
            if (existing.isPresent()) {
                delete(connection, existing.get().id());
            }
        }
        insert(connection, build);
        return build;
    }

    /** The build, unless there is none of that id or it expired. */
    public Optional<StoredBuild> find(BuildId id, Instant now) throws IOException {
        try (Connection connection = database.connection()) {
            return findBy(connection, "id", id.hex()).filter(build -> !build.expiredAt(now));
        } catch (SQLException e) {
            throw failure("read build " + id, e);
        }
    }

    public Optional<InstallerFacts> facts(BuildId id, String baseSetId, Platform platform) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT size_bytes, sha256, signature"
                     + " FROM build_installers WHERE build_id = ? AND base_set_id = ? AND platform = ?")) {
            select.setString(1, id.hex());
            select.setString(2, baseSetId);
            select.setString(3, platform.classifier());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new InstallerFacts(row.getLong(1), row.getString(2).strip(),
                        Base64.getDecoder().decode(row.getString(3))));
            }
        } catch (SQLException e) {
            throw failure("read the installer facts of build " + id, e);
        }
    }

    /** Keeps the facts; if they are already kept (they are the same, being deterministic), does nothing. */
    public void saveFacts(BuildId id, String baseSetId, Platform platform, InstallerFacts facts) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO build_installers"
                     + " (build_id, base_set_id, platform, size_bytes, sha256, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id.hex());
            insert.setString(2, baseSetId);
            insert.setString(3, platform.classifier());
            insert.setLong(4, facts.size());
            insert.setString(5, facts.sha256Hex());
            insert.setString(6, Base64.getEncoder().encodeToString(facts.signature()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!ServiceDatabase.uniqueViolation(e)) {
                throw failure("record the installer facts of build " + id, e);
            }
        }
    }

    /** Deletes every build that expired before {@code now}; returns how many. */
    public int deleteExpired(Instant now) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM builds WHERE expires_at IS NOT NULL AND expires_at <= ?")) {
            delete.setLong(1, now.toEpochMilli());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete expired builds", e);
        }
    }

    public long count() throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM builds");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw failure("count builds", e);
        }
    }

    /** True if a query answers within a few seconds. */
    public boolean reachable() {
        return database.reachable();
    }

    /** Writes what is queued, then closes the database. */
    @Override
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsDatabase) {
            database.close();
        }
    }

    private static Optional<StoredBuild> findBy(Connection connection, String column, String value)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, created_at, entry_time, expires_at,"
                + " request_digest, vesselinfo, vesselinfo_signature, vesselinfo_signer, base_set_id FROM builds WHERE "
                + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long expires = row.getLong(4);
                Optional<Instant> expiresAt = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires));
                return Optional.of(new StoredBuild(new BuildId(row.getString(1).strip()),
                        Instant.ofEpochMilli(row.getLong(2)), Instant.ofEpochSecond(row.getLong(3)), expiresAt,
                        Optional.ofNullable(row.getString(5)).map(String::strip), row.getString(6),
                        Base64.getDecoder().decode(row.getString(7)), row.getString(8).strip(), row.getString(9).strip()));
            }
        }
    }

    private static final String INSERT = "INSERT INTO builds (id, created_at, entry_time, expires_at, request_digest,"
            + " vesselinfo, vesselinfo_signature, vesselinfo_signer, base_set_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static void insert(Connection connection, StoredBuild build) throws SQLException {
        insertAll(connection, List.of(build));
    }

    /** Adds the builds on the caller's connection, in its transaction, in one batch. */
    static void insertAll(Connection connection, List<StoredBuild> builds) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (StoredBuild build : builds) {
                insert.setString(1, build.id().hex());
                insert.setLong(2, build.createdAt().toEpochMilli());
                insert.setLong(3, build.entryTime().getEpochSecond());
                if (build.expiresAt().isPresent()) {
                    insert.setLong(4, build.expiresAt().get().toEpochMilli());
                } else {
                    insert.setNull(4, Types.BIGINT);
                }
                if (build.requestDigest().isPresent()) {
                    insert.setString(5, build.requestDigest().get());
                } else {
                    insert.setNull(5, Types.CHAR);
                }
                insert.setString(6, build.vesselinfo());
                insert.setString(7, Base64.getEncoder().encodeToString(build.vesselinfoSignature()));
                insert.setString(8, build.signer());
                insert.setString(9, build.baseSetId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void delete(Connection connection, BuildId id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM builds WHERE id = ?")) {
            delete.setString(1, id.hex());
            delete.executeUpdate();
        }
    }

    private static IOException failure(String what, SQLException e) {
        return ServiceDatabase.failure(what, e);
    }
}
