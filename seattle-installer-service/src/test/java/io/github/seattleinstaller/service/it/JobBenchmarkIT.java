package io.github.seattleinstaller.service.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.seattleinstaller.service.testing.DonorTables;
import io.github.seattleinstaller.service.testing.JobsClient;
import io.github.seattleinstaller.service.testing.PostgresServer;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs' speed, printed and written to {@code target/job-benchmark.txt}; nothing is asserted. Against the packaged
 * service in its own process(es), on bases built from the test class path:
 * <ul>
 *   <li>a 10,000-donor job (keys given, the clearinghouse template) on one instance: wall time from the submission
 *       (which checks every row) to {@code done}, the run's own time, donors per second; with an RSA-2048 operator
 *       key on H2 and on PostgreSQL, and with an RSA-3072 key on H2 (one signature per donor is the floor);</li>
 *   <li>two 10,000-donor jobs on two instances sharing PostgreSQL, one job each ({@code --job-threads 1}): the wall
 *       time of both and the donors per second of the two together, on the same cores;</li>
 *   <li>the queue view's render time (first page, a filtered deep page, the REST list) with 10,000 jobs in the
 *       database.</li>
 * </ul>
 * Run: {@code ./mvnw -B -pl seattle-installer-service -am verify -Dbenchmark=true -Dit.test=JobBenchmarkIT -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class JobBenchmarkIT {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final int DONORS = 10_000;
    private static final int QUEUED_JOBS = 10_000;

    @TempDir
    Path work;

    private final StringBuilder report = new StringBuilder();
    private final DonorTables tables = new DonorTables();

    @Test
    void benchmark() throws Exception {
        line("%d cores; load average at start %s; %d donors per job", Runtime.getRuntime().availableProcessors(),
                loadAverage(), DONORS);
        String table = DonorTables.csv(tables.donors(DONORS), "acceptdonations", tables.key());
        Path bases2048 = TestBases.shared2048();
        Path key2048 = TestBases.operatorKey2048File();
        try (ServiceProcess service = start("h2-2048", bases2048, key2048, List.of())) {
            oneJob("one instance, H2, RSA-2048 operator key", service, table);
        }
        try (ServiceProcess service = start("h2-3072", TestBases.shared(), TestBases.operatorKeyFile(), List.of())) {
            oneJob("one instance, H2, RSA-3072 operator key", service, table);
        }
        String url = POSTGRES.createDatabase();
        List<String> postgres = List.of("--db-url", url);
        try (ServiceProcess service = start("pg-2048", bases2048, key2048, postgres)) {
            oneJob("one instance, PostgreSQL, RSA-2048 operator key", service, table);
        }
        List<String> oneJobEach = new ArrayList<>(postgres);
        oneJobEach.addAll(List.of("--job-threads", "1"));
        try (ServiceProcess a = start("pg-a", bases2048, key2048, oneJobEach);
             ServiceProcess b = start("pg-b", bases2048, key2048, oneJobEach)) {
            twoJobs(a, b, table);
            queueView(a, url);
        }
        Path file = Path.of("target", "job-benchmark.txt");
        Files.writeString(file, report);
        System.out.println("\n" + report + "(written to " + file.toAbsolutePath() + ")");
    }

    private ServiceProcess start(String name, Path bases, Path key, List<String> extra) throws Exception {
        List<String> options = new ArrayList<>(List.of("--bases", bases.toString(), "--operator-key", key.toString(),
                "--rate-limit", "0", "--key-pool", "0", "--instance-name", name, "--max-job-bytes", "67108864"));
        options.addAll(extra);
        Map<String, String> environment = extra.contains("--db-url") ? Map.of("SEATTLE_DB_USER", PostgresServer.USER)
                : Map.of();
        return ServiceProcess.startRaw(work.resolve(name), "/", environment, options);
    }

    private void oneJob(String what, ServiceProcess service, String table) throws Exception {
        JobsClient client = new JobsClient(service.base(), Optional.empty());
        client.awaitState(client.submitted("clearinghouse", warmUp()), "done",
                Duration.ofMinutes(5));
        double cpuBefore = cpuSeconds(service);
        long started = System.nanoTime();
        String id = client.submitted("clearinghouse", table);
        long submitted = System.nanoTime();
        JsonNode done = client.awaitState(id, "done", Duration.ofMinutes(10));
        long ended = System.nanoTime();
        double cpu = cpuSeconds(service) - cpuBefore;
        double run = Duration.between(Instant.parse(done.get("startedAt").asText()),
                Instant.parse(done.get("finishedAt").asText())).toMillis() / 1000.0;
        double wall = (ended - started) / 1e9;
        line("%s: wall %.1f s (submission with its check %.1f s), run %.1f s: %.0f donors/s wall, %.0f donors/s in"
                + " the run; the service used %.2f ms of CPU per donor (submission included): %.0f donors/s on %d idle"
                + " cores", what, wall, (submitted - started) / 1e9, run, DONORS / wall, DONORS / run,
                cpu * 1000 / DONORS, Runtime.getRuntime().availableProcessors() * DONORS / cpu,
                Runtime.getRuntime().availableProcessors());
    }

    private void twoJobs(ServiceProcess a, ServiceProcess b, String table) throws Exception {
        JobsClient clientA = new JobsClient(a.base(), Optional.empty());
        JobsClient clientB = new JobsClient(b.base(), Optional.empty());
        clientA.awaitState(clientA.submitted("clearinghouse", warmUp()), "done",
                Duration.ofMinutes(5));
        clientB.awaitState(clientB.submitted("clearinghouse", warmUp()), "done",
                Duration.ofMinutes(5));
        long started = System.nanoTime();
        String first = clientA.submitted("clearinghouse", table);
        String second = clientB.submitted("clearinghouse", table);
        JsonNode one = clientA.awaitState(first, "done", Duration.ofMinutes(10));
        JsonNode two = clientA.awaitState(second, "done", Duration.ofMinutes(10));
        double wall = (System.nanoTime() - started) / 1e9;
        line("load average now %s", loadAverage());
        line("two instances, PostgreSQL, RSA-2048, two jobs at once (run by %s and %s): wall %.1f s for %d donors:"
                + " %.0f donors/s together", one.get("instance").asText(), two.get("instance").asText(), wall,
                2 * DONORS, 2 * DONORS / wall);
    }

    private void queueView(ServiceProcess service, String url) throws Exception {
        try (Connection db = DriverManager.getConnection(url, PostgresServer.USER, "");
             PreparedStatement insert = db.prepareStatement("INSERT INTO jobs (id, created_at, state, template_name,"
                     + " table_name, total, done_count, failed_count, cancel_requested, runs, notices_scheduled)"
                     + " VALUES (?, ?, ?, 'clearinghouse', ?, 500, ?, 0, FALSE, 1, FALSE)")) {
            String[] states = {"done", "done", "done", "failed", "cancelled"};
            long now = System.currentTimeMillis();
            for (int i = 0; i < QUEUED_JOBS; i++) {
                insert.setString(1, String.format("%040x", i + 1));
                insert.setLong(2, now - i * 1000L);
                insert.setString(3, states[i % states.length]);
                insert.setString(4, "table-" + i + ".csv");
                insert.setInt(5, states[i % states.length].equals("done") ? 500 : 250);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
        }
        JobsClient client = new JobsClient(service.base(), Optional.empty());
        for (String path : List.of("/jobs/", "/jobs/?state=done&page=100", "/api/jobs?size=30")) {
            double[] millis = new double[30];
            for (int i = -5; i < millis.length; i++) {
                long started = System.nanoTime();
                JobsClient.Answer answer = client.get(path);
                if (answer.status() != 200) {
                    throw new AssertionError(path + ": HTTP " + answer.status());
                }
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - started) / 1e6;
                }
            }
            Arrays.sort(millis);
            line("queue view %s with %d+ jobs in the database: p50 %.1f ms, p90 %.1f ms", path, QUEUED_JOBS,
                    millis[millis.length / 2], millis[millis.length * 9 / 10]);
        }
    }

    /** A 2,000-donor table: the JIT compiles a job's paths once, as on a service that has run a while. */
    private String warmUp() {
        return DonorTables.csv(tables.donors(2000), "acceptdonations", tables.key());
    }

    private void line(String format, Object... arguments) {
        String text = String.format(Locale.ROOT, format, arguments);
        System.out.println(text);
        report.append(text).append('\n');
    }

    /** The CPU time (user and system) the service process has used, from /proc. */
    private static double cpuSeconds(ServiceProcess service) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + service.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
