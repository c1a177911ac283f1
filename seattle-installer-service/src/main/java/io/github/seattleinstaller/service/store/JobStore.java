package io.github.seattleinstaller.service.store;

import io.github.seattleinstaller.runtime.keys.KeyFormatException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.clearinghouse.BuildId;
import io.github.seattleinstaller.service.jobs.InstallerSummary;
import io.github.seattleinstaller.service.jobs.Job;
import io.github.seattleinstaller.service.jobs.JobEvent;
import io.github.seattleinstaller.service.jobs.JobId;
import io.github.seattleinstaller.service.jobs.JobInput;
import io.github.seattleinstaller.service.jobs.JobState;
import io.github.seattleinstaller.service.jobs.JobStep;
import io.github.seattleinstaller.service.jobs.NoticeTargets;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Jobs, their steps (one per donor, written in the same transaction as the donor's build, unique per job and
 * donor) and their log, in the {@link ServiceDatabase}. State changes are conditional updates, so that two
 * instances (or a cancel and a run) never both win: a job is claimed only while queued or running, deleted only
 * while not running, finished only while running.
 */
public final class JobStore {
    private static final String JOB_COLUMNS = "id, created_at, state, template_name, table_name, notify_webhook,"
            + " notify_email, retry_of, total, done_count, failed_count, cancel_requested, started_at, finished_at,"
            + " run_started_at, run_start_done, instance, runs, error";
    private static final String STEP_COLUMNS = "donor_index, donor_name, at, build_id, base_set_id, installers, error";
    private static final int MESSAGE_LIMIT = 4000;

    private final ServiceDatabase database;

    public JobStore(ServiceDatabase database) {
        this.database = database;
    }

    /** The input a job is run from, with the secret its donors' build ids derive from. */
    public record StoredInput(JobInput input, String buildSeed) {
    }

    /** What one donor's step records: its build (when built) and its installers, or the reason it failed. */
    public record NewStep(int index, String donorName, Optional<StoredBuild> build, List<InstallerSummary> installers,
            Optional<String> error) {
    }

    /** How a request to cancel or delete a job went. */
    public enum Change {
        /** The job was deleted. */
        DELETED,
        /** The job was queued and is now cancelled. */
        CANCELLED,
        /** The job is running and was asked to stop: its run ends it cancelled. */
        STOPPING,
        /** The job is running: it cannot be deleted now. */
        RUNNING,
        /** The job has ended already: there is nothing to cancel. */
        ENDED,
        /** There is no such job. */
        MISSING
    }

    public void insert(JobId id, Instant now, JobInput input, int total, Optional<JobId> retryOf, String buildSeed)
            throws IOException {
        try {
            database.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jobs (id, created_at, state,"
                        + " template_name, table_name, notify_webhook, notify_email, retry_of, total, done_count,"
                        + " failed_count, cancel_requested, runs, notices_scheduled)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, FALSE, 0, FALSE)")) {
                    insert.setString(1, id.hex());
                    insert.setLong(2, now.toEpochMilli());
                    insert.setString(3, JobState.QUEUED.label());
                    insert.setString(4, input.templateName());
                    insert.setString(5, input.tableName());
                    setOptional(insert, 6, input.notices().webhook().map(URI::toString));
                    setOptional(insert, 7, input.notices().email());
                    setOptional(insert, 8, retryOf.map(JobId::hex));
                    insert.setInt(9, total);
                    insert.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO job_inputs (job_id,"
                        + " template_text, table_bytes, bound_keys, build_seed) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, id.hex());
                    insert.setString(2, input.templateText());
                    insert.setBytes(3, input.table());
                    insert.setString(4, formatKeys(input.boundKeys()));
                    insert.setString(5, buildSeed);
                    insert.executeUpdate();
                }
                addEvent(connection, id, now, JobEvent.INFO, "Submitted: " + total + (total == 1 ? " donor" : " donors")
                        + " from " + input.tableName() + " on the template " + input.templateName()
                        + retryOf.map(earlier -> ", a retry of job " + earlier).orElse(""));
                return null;
            });
        } catch (SQLException e) {
            throw ServiceDatabase.failure("record job " + id, e);
        }
    }

    public Optional<Job> find(JobId id) throws IOException {
        try (Connection connection = database.connection()) {
            return find(connection, id);
        } catch (SQLException e) {
            throw ServiceDatabase.failure("read job " + id, e);
        }
    }

    public Optional<StoredInput> input(JobId id) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT j.template_name, i.template_text,"
                     + " j.table_name, i.table_bytes, i.bound_keys, j.notify_webhook, j.notify_email, i.build_seed"
                     + " FROM jobs j JOIN job_inputs i ON i.job_id = j.id WHERE j.id = ?")) {
            select.setString(1, id.hex());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                JobInput input = new JobInput(row.getString(1), row.getString(2), row.getString(3), row.getBytes(4),
                        parseKeys(row.getString(5)), notices(row.getString(6), row.getString(7)));
                return Optional.of(new StoredInput(input, row.getString(8).strip()));
            }
        } catch (SQLException e) {
            throw ServiceDatabase.failure("read the input of job " + id, e);
        }
    }

    /** Newest first. */
    public List<Job> list(Optional<JobState> state, int offset, int limit) throws IOException {
        String where = state.isPresent() ? " WHERE state = ?" : "";
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT " + JOB_COLUMNS + " FROM jobs" + where
                     + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
            int parameter = 1;
            if (state.isPresent()) {
                select.setString(parameter++, state.get().label());
            }
            select.setInt(parameter++, limit);
            select.setInt(parameter, offset);
            List<Job> jobs = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    jobs.add(job(row));
                }
            }
            return jobs;
        } catch (SQLException e) {
            throw ServiceDatabase.failure("list jobs", e);
        }
    }

    public int count(Optional<JobState> state) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM jobs"
                     + (state.isPresent() ? " WHERE state = ?" : ""))) {
            if (state.isPresent()) {
                select.setString(1, state.get().label());
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw ServiceDatabase.failure("count jobs", e);
        }
    }

    /** Queued jobs recorded before {@code before}: those whose task may be missing (see the job library's sweep). */
    public List<JobId> queuedBefore(Instant before, int limit) throws IOException {
        return ids("list queued jobs", "SELECT id FROM jobs WHERE state = ? AND created_at < ? ORDER BY created_at"
                + " LIMIT ?", JobState.QUEUED.label(), before.toEpochMilli(), limit);
    }

    /** Ended jobs with notices not yet handed to the job library, ended before {@code before}. */
    public List<JobId> endedWithoutNotices(Instant before, int limit) throws IOException {
        return ids("list ended jobs", "SELECT id FROM jobs WHERE state IN (?, ?, ?) AND notices_scheduled = FALSE"
                + " AND (notify_webhook IS NOT NULL OR notify_email IS NOT NULL) AND finished_at < ?"
                + " ORDER BY finished_at LIMIT ?", JobState.DONE.label(), JobState.FAILED.label(),
                JobState.CANCELLED.label(), before.toEpochMilli(), limit);
    }

    private List<JobId> ids(String what, String sql, Object... parameters) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<JobId> ids = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(new JobId(row.getString(1).strip()));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw ServiceDatabase.failure(what, e);
        }
    }

    /** Records that the job's notices are with the job library. */
    public void noticesScheduled(JobId id) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE jobs SET notices_scheduled = TRUE WHERE id = ?")) {
            update.setString(1, id.hex());
            update.executeUpdate();
        } catch (SQLException e) {
            throw ServiceDatabase.failure("record the notices of job " + id, e);
        }
    }

    /**
     * Makes the job running on {@code instance} and starts a new run, if it is queued or running (a resume after
     * the instance running it died); empty if it has ended or is gone.
     */
    public Optional<Job> claim(JobId id, String instance, Instant now) throws IOException {
        try {
            return database.inTransaction(connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET state = ?, instance = ?,"
                        + " runs = runs + 1, started_at = COALESCE(started_at, ?), run_started_at = ?,"
                        + " run_start_done = done_count + failed_count WHERE id = ? AND state IN (?, ?)")) {
                    update.setString(1, JobState.RUNNING.label());
                    update.setString(2, instance);
                    update.setLong(3, now.toEpochMilli());
                    update.setLong(4, now.toEpochMilli());
                    update.setString(5, id.hex());
                    update.setString(6, JobState.QUEUED.label());
                    update.setString(7, JobState.RUNNING.label());
                    if (update.executeUpdate() == 0) {
                        return Optional.<Job>empty();
                    }
                }
                return find(connection, id);
            });
        } catch (SQLException e) {
            throw ServiceDatabase.failure("claim job " + id, e);
        }
    }

    /** The donors of the job that have a step. */
    public BitSet processedDonors(JobId id) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT donor_index FROM job_steps WHERE job_id = ?")) {
            select.setString(1, id.hex());
            BitSet done = new BitSet();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    done.set(row.getInt(1));
                }
            }
            return done;
        } catch (SQLException e) {
            throw ServiceDatabase.failure("read the steps of job " + id, e);
        }
    }

    /**
     * Records donors' builds and steps in one transaction: either all of them or, if any donor already has a
     * step (another instance got there first), none. Returns whether the job has been asked to stop since.
     *
     * @throws StepConflictException if a donor already has a step
     */
    public boolean recordSteps(JobId id, List<NewStep> steps, Instant now) throws IOException {
        try {
            return database.inTransaction(connection -> {
                List<StoredBuild> builds = steps.stream().flatMap(step -> step.build().stream()).toList();
                BuildStore.insertAll(connection, builds);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO job_steps (job_id, donor_index,"
                        + " donor_name, at, outcome, build_id, base_set_id, installers, error)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (NewStep step : steps) {
                        insert.setString(1, id.hex());
                        insert.setInt(2, step.index());
                        insert.setString(3, step.donorName());
                        insert.setLong(4, now.toEpochMilli());
                        insert.setString(5, step.build().isPresent() ? "built" : "failed");
                        setOptional(insert, 6, step.build().map(build -> build.id().hex()));
                        setOptional(insert, 7, step.build().map(StoredBuild::baseSetId));
                        setOptional(insert, 8, step.build().map(unused -> InstallerSummary.format(step.installers())));
                        setOptional(insert, 9, step.error().map(JobStore::limited));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                int failed = (int) steps.stream().filter(step -> step.build().isEmpty()).count();
                try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET done_count = done_count + ?,"
                        + " failed_count = failed_count + ? WHERE id = ?")) {
                    update.setInt(1, steps.size() - failed);
                    update.setInt(2, failed);
                    update.setString(3, id.hex());
                    update.executeUpdate();
                }
                return cancelRequested(connection, id);
            });
        } catch (SQLException e) {
            if (ServiceDatabase.uniqueViolation(e)) {
                throw new StepConflictException("Another run of job " + id + " recorded some of these donors first");
            }
            throw ServiceDatabase.failure("record the steps of job " + id, e);
        }
    }

    /** A donor of the job had a step already: another run holds the job. */
    public static final class StepConflictException extends IOException {
        private static final long serialVersionUID = 1L;

        StepConflictException(String message) {
            super(message);
        }
    }

    /** True if the job has been asked to stop, or is gone. */
    public boolean cancelRequested(JobId id) throws IOException {
        try (Connection connection = database.connection()) {
            return cancelRequested(connection, id);
        } catch (SQLException e) {
            throw ServiceDatabase.failure("read job " + id, e);
        }
    }

    private static boolean cancelRequested(Connection connection, JobId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT cancel_requested FROM jobs WHERE id = ?")) {
            select.setString(1, id.hex());
            try (ResultSet row = select.executeQuery()) {
                // A job deleted meanwhile has no row: there is nothing left to build it for.
                return !row.next() || row.getBoolean(1);
            }
        }
    }

    /** Ends a queued or running job; false if it had ended or was deleted meanwhile. */
    public boolean finish(JobId id, JobState state, Optional<String> error, Instant now, String message)
            throws IOException {
        if (!state.ended()) {
            throw new IllegalArgumentException("a job finishes done, failed or cancelled, not " + state.label());
        }
        try {
            return database.inTransaction(connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET state = ?, finished_at = ?,"
                        + " error = ? WHERE id = ? AND state IN (?, ?)")) {
                    update.setString(1, state.label());
                    update.setLong(2, now.toEpochMilli());
                    setOptional(update, 3, error.map(JobStore::limited));
                    update.setString(4, id.hex());
                    update.setString(5, JobState.QUEUED.label());
                    update.setString(6, JobState.RUNNING.label());
                    if (update.executeUpdate() == 0) {
                        return false;
                    }
                }
                addEvent(connection, id, now, state == JobState.DONE ? JobEvent.INFO
                        : state == JobState.FAILED ? JobEvent.ERROR : JobEvent.WARN, message);
                return true;
            });
        } catch (SQLException e) {
            throw ServiceDatabase.failure("finish job " + id, e);
        }
    }

    /**
     * Cancels a queued job at once; asks a running one to stop (its run stops before its next donor and ends it
     * cancelled).
     */
    public Change cancel(JobId id, Instant now) throws IOException {
        try {
            return database.inTransaction(connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET state = ?, finished_at = ?,"
                        + " cancel_requested = TRUE WHERE id = ? AND state = ?")) {
                    update.setString(1, JobState.CANCELLED.label());
                    update.setLong(2, now.toEpochMilli());
                    update.setString(3, id.hex());
                    update.setString(4, JobState.QUEUED.label());
                    if (update.executeUpdate() == 1) {
                        addEvent(connection, id, now, JobEvent.WARN, "Cancelled before it started");
                        return Change.CANCELLED;
                    }
                }
                try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET cancel_requested = TRUE"
                        + " WHERE id = ? AND state = ?")) {
                    update.setString(1, id.hex());
                    update.setString(2, JobState.RUNNING.label());
                    if (update.executeUpdate() == 1) {
                        addEvent(connection, id, now, JobEvent.WARN, "Cancel requested: the job stops before its next donor");
                        return Change.STOPPING;
                    }
                }
                return find(connection, id).isPresent() ? Change.ENDED : Change.MISSING;
            });
        } catch (SQLException e) {
            throw ServiceDatabase.failure("cancel job " + id, e);
        }
    }

    /** Deletes the job with its steps and log, unless it is running. Its builds stay (donors may have their URLs). */
    public Change delete(JobId id) throws IOException {
        try {
            return database.inTransaction(connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM jobs WHERE id = ? AND state <> ?")) {
                    delete.setString(1, id.hex());
                    delete.setString(2, JobState.RUNNING.label());
                    if (delete.executeUpdate() == 1) {
                        return Change.DELETED;
                    }
                }
                return find(connection, id).isPresent() ? Change.RUNNING : Change.MISSING;
            });
        } catch (SQLException e) {
            throw ServiceDatabase.failure("delete job " + id, e);
        }
    }

    public void addEvent(JobId id, Instant now, String level, String message) throws IOException {
        try (Connection connection = database.connection()) {
            addEvent(connection, id, now, level, message);
        } catch (SQLException e) {
            throw ServiceDatabase.failure("log an event of job " + id, e);
        }
    }

    /** The job's own log lines after {@code afterId}, oldest first. */
    public List<JobEvent> events(JobId id, long afterId, int limit) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT id, at, level, message FROM job_events"
                     + " WHERE job_id = ? AND id > ? ORDER BY id LIMIT ?")) {
            select.setString(1, id.hex());
            select.setLong(2, afterId);
            select.setInt(3, limit);
            List<JobEvent> events = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    events.add(new JobEvent(row.getLong(1), Instant.ofEpochMilli(row.getLong(2)), row.getString(3).strip(),
                            row.getString(4)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw ServiceDatabase.failure("read the log of job " + id, e);
        }
    }

    /** The job's steps of donors after {@code afterIndex} (-1 for all), in donor order. */
    public List<JobStep> steps(JobId id, int afterIndex, int limit) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT " + STEP_COLUMNS + " FROM job_steps"
                     + " WHERE job_id = ? AND donor_index > ? ORDER BY donor_index LIMIT ?")) {
            select.setString(1, id.hex());
            select.setInt(2, afterIndex);
            select.setInt(3, limit);
            List<JobStep> steps = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    steps.add(step(row));
                }
            }
            return steps;
        } catch (SQLException e) {
            throw ServiceDatabase.failure("read the steps of job " + id, e);
        }
    }

    /** The job's most recent steps, newest last. */
    public List<JobStep> lastSteps(JobId id, int limit) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT " + STEP_COLUMNS + " FROM job_steps"
                     + " WHERE job_id = ? ORDER BY donor_index DESC LIMIT ?")) {
            select.setString(1, id.hex());
            select.setInt(2, limit);
            List<JobStep> steps = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    steps.add(0, step(row));
                }
            }
            return steps;
        } catch (SQLException e) {
            throw ServiceDatabase.failure("read the steps of job " + id, e);
        }
    }

    /** Every step of the job in donor order, read a page at a time: memory stays flat in the number of donors. */
    public void forEachStep(JobId id, Consumer<JobStep> consumer) throws IOException {
        int after = -1;
        while (true) {
            List<JobStep> page = steps(id, after, 1000);
            page.forEach(consumer);
            if (page.size() < 1000) {
                return;
            }
            after = page.get(page.size() - 1).index();
        }
    }

    private static Optional<Job> find(Connection connection, JobId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = ?")) {
            select.setString(1, id.hex());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(job(row)) : Optional.empty();
            }
        }
    }

    private static Job job(ResultSet row) throws SQLException {
        return new Job(new JobId(row.getString(1).strip()), Instant.ofEpochMilli(row.getLong(2)),
                JobState.fromDatabase(row.getString(3)), row.getString(4), row.getString(5),
                notices(row.getString(6), row.getString(7)),
                Optional.ofNullable(row.getString(8)).map(String::strip).map(JobId::new), row.getInt(9), row.getInt(10),
                row.getInt(11), row.getBoolean(12), instant(row, 13), instant(row, 14), instant(row, 15),
                row.getInt(16), Optional.ofNullable(row.getString(17)), row.getInt(18),
                Optional.ofNullable(row.getString(19)));
    }

    private static JobStep step(ResultSet row) throws SQLException {
        return new JobStep(row.getInt(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
                Optional.ofNullable(row.getString(4)).map(String::strip).map(BuildId::new),
                Optional.ofNullable(row.getString(5)).map(String::strip), InstallerSummary.parse(row.getString(6)),
                Optional.ofNullable(row.getString(7)));
    }

    private static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static NoticeTargets notices(String webhook, String email) {
        return new NoticeTargets(Optional.ofNullable(webhook).map(URI::create), Optional.ofNullable(email));
    }

    private static void addEvent(Connection connection, JobId id, Instant now, String level, String message)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO job_events (job_id, at, level, message) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, id.hex());
            insert.setLong(2, now.toEpochMilli());
            insert.setString(3, level);
            insert.setString(4, limited(message));
            insert.executeUpdate();
        }
    }

    private static void setOptional(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static String limited(String message) {
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT - 3) + "...";
    }

    /** One {@code placeholder e n} per line, in name order. */
    static String formatKeys(Map<String, SeattlePublicKey> keys) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(keys).forEach((name, key) -> text.append(name).append(' ').append(key.toText()).append('\n'));
        return text.toString();
    }

    static Map<String, SeattlePublicKey> parseKeys(String text) {
        Map<String, SeattlePublicKey> keys = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int space = line.indexOf(' ');
            try {
                keys.put(line.substring(0, space), SeattlePublicKey.parse(line.substring(space + 1)));
            } catch (KeyFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalStateException("a job's bound keys are 'placeholder e n' lines", e);
            }
        }
        return keys;
    }
}
