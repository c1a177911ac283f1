package io.github.seattleinstaller.service.it;

import io.github.seattleinstaller.service.testing.RawHttp;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import io.github.seattleinstaller.service.testing.Tools;
import io.github.seattleinstaller.service.testing.XmlRpcClient;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcCodec;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.github.seattleinstaller.service.testing.XmlRpcClient.key;
import static io.github.seattleinstaller.service.testing.XmlRpcClient.vessel;

/**
 * The service's speed, printed and written to {@code target/service-benchmark.txt}; nothing is asserted. On the
 * example's bases (examples/operator-build/target/seattle, built first by the README's command; bases built the
 * same way from the same key when they are absent), against the packaged service in its own process, clients
 * in this JVM on the same machine (a minimal keep-alive HTTP/1.1 client, so that the client's cost does not hide
 * the server's):
 * <ul>
 *   <li>build_installers per second and p50/p99 latency with 1, 8 and 32 clients, keys given (every request
 *       new: distinct keys, so no de-duplication helps), and with one generated 2048-bit key per build; with the
 *       example's RSA-3072 operator key, then with an RSA-2048 one (one signature per build is the floor);</li>
 *   <li>download throughput with 1 and 32 concurrent downloads against {@code cat} of the same base file, and
 *       the bytes the service process wrote to disk meanwhile ({@code /proc/PID/io});</li>
 *   <li>the original's route per first download: copy the base, gunzip, {@code tar -rf} the vesselinfo, gzip.</li>
 * </ul>
 * Run: {@code ./mvnw -B -DskipTests -pl examples/operator-build -am verify && ./mvnw -B -pl
 * seattle-installer-service -am verify -Dbenchmark=true -Dit.test=ServiceBenchmarkIT -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ServiceBenchmarkIT {
    private static final long PHASE_NANOS = TimeUnit.SECONDS.toNanos(6);
    private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final XmlRpcCodec CODEC = new XmlRpcCodec(XmlRpcLimits.DEFAULT);

    @TempDir
    Path work;

    private final StringBuilder table = new StringBuilder();
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(40)).build();

    @Test
    void benchmark() throws Exception {
        Path bases = exampleBases();
        Path linuxBase;
        try (var files = Files.list(bases)) {
            linuxBase = files.filter(file -> file.getFileName().toString().endsWith("-linux.tar.gz"))
                    .filter(file -> !file.getFileName().toString().matches(".*-(alice|bob)-linux\\.tar\\.gz"))
                    .findFirst().orElseThrow();
        }
        line("bases: %s (linux base %d bytes); %d cores; load average at start %s", bases, Files.size(linuxBase),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        try (ServiceProcess service = ServiceProcess.start(work.resolve("data"), bases, "/", Map.of(),
                "--rate-limit", "0")) {
            buildTables(service, "the example's RSA-3072 operator key");
            downloads(service, linuxBase);
            service.stop();
        }
        Path bases2048 = work.resolve("bases-2048");
        TestBases.build(bases2048, "operator-installers-1.0.0", TestBases.TIMESTAMP,
                TestBases.loadKey(TestBases.operatorKey2048File()));
        try (ServiceProcess service = ServiceProcess.startRaw(work.resolve("data-2048"), "/", Map.of(), List.of(
                "--bases", bases2048.toString(), "--operator-key", TestBases.operatorKey2048File().toString(),
                "--rate-limit", "0"))) {
            buildTables(service, "an RSA-2048 operator key (it/src/it/keys), the same bases otherwise");
            service.stop();
        }
        originalsRoute(linuxBase);
        line("load average at the end %s", loadAverage());
        System.out.println(table);
        Files.writeString(Path.of("target", "service-benchmark.txt"), table);
    }

    private void buildTables(ServiceProcess service, String key) throws Exception {
        line("");
        line("build_installers, keys given (every request distinct), signed with %s:", key);
        line("%8s %10s %10s %10s %8s", "clients", "builds/s", "p50 ms", "p99 ms", "builds");
        for (int clients : new int[] {1, 8, 32}) {
            builds(service, clients, false);
        }
        line("");
        line("build_installers with one generated 2048-bit key per build, signed with %s:", key);
        line("%8s %10s %10s %10s %8s", "clients", "builds/s", "p50 ms", "p99 ms", "builds");
        for (int clients : new int[] {1, 8, 32}) {
            builds(service, clients, true);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception unavailable) {
            return "n/a";
        }
    }

    private Path exampleBases() throws Exception {
        Path example = TestBases.repositoryRoot().resolve("examples/operator-build/target/seattle");
        if (Files.isDirectory(example)) {
            return example;
        }
        line("(examples/operator-build/target/seattle is absent: bases built the same way from the example's key)");
        return TestBases.shared();
    }

    /** A distinct Seattle public key text: 1 < e < n is all the rules ask of a key they do not use. */
    private String distinctKey() {
        return "65537 " + new BigInteger(1024, random).setBit(1023).setBit(0);
    }

    private void builds(ServiceProcess service, int clients, boolean generated) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long measureFrom = start + WARMUP_NANOS;
        long end = measureFrom + (generated ? PHASE_NANOS / 2 : PHASE_NANOS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                try (RawHttp connection = new RawHttp(service.port())) {
                while (System.nanoTime() < end) {
                    Map<String, Object> users = generated ? Map.of("owner", key(distinctKey()))
                            : Map.of("owner", key(distinctKey()), "user", key(distinctKey()));
                    byte[] call = CODEC.encodeCall("build_installers", List.of(List.of(vessel(80, "owner", "user")), users));
                    long before = System.nanoTime();
                    try {
                        RawHttp.Response response = connection.post("/xmlrpc/", call);
                        if (response.status() != 200) {
                            throw new IllegalStateException("HTTP " + response.status());
                        }
                        CODEC.decodeResponse(response.body());
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        continue;
                    }
                    long after = System.nanoTime();
                    if (before >= measureFrom && after <= end) {
                        latencies.add(after - before);
                    }
                }
                }
                return null;
            }));
        }
        for (Future<?> each : running) {
            each.get();
        }
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double seconds = (end - measureFrom) / 1e9;
        line("%8d %10.0f %10.2f %10.2f %8d%s", clients, sorted.size() / seconds, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.size(), failures.get() > 0 ? "  (" + failures.get() + " failed)" : "");
    }

    private static double percentile(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
    }

    private void downloads(ServiceProcess service, Path linuxBase) throws Exception {
        XmlRpcClient client = new XmlRpcClient(http, service.xmlrpcUrl(), Optional.empty());
        Map<String, Object> result = client.buildInstallers(List.of(vessel(80, "owner", "user")),
                Map.of("owner", key(distinctKey()), "user", key(distinctKey())));
        @SuppressWarnings("unchecked")
        String url = ((Map<String, String>) result.get("installers")).get("linux");
        String path = URI.create(url).getPath();
        line("");
        line("downloads of one build's linux installer (%d bytes), against cat of the base file:", Files.size(linuxBase));
        line("%8s %14s %14s %8s %22s", "parallel", "service MB/s", "cat MB/s", "ratio", "service disk writes");
        for (int parallel : new int[] {1, 32}) {
            long writtenBefore = writeBytes(service.pid());
            double service_ = throughput(parallel, connection -> connection.getDiscarding(path), service.port());
            long written = writeBytes(service.pid()) - writtenBefore;
            double cat = throughput(parallel, connection -> cat(linuxBase), 0);
            line("%8d %14.0f %14.0f %7.2fx %22s", parallel, service_ / 1e6, cat / 1e6, service_ / cat,
                    written < 0 ? "n/a" : written + " bytes");
        }
        line("(the service's disk writes during downloads are its access log lines; the installers are sent from the"
                + " base file's pages and the build's suffix in memory)");
    }

    @FunctionalInterface
    private interface Transfer {
        long run(RawHttp connection) throws Exception;
    }

    /** Bytes per second moved by {@code parallel} workers repeating the transfer for the phase. */
    private double throughput(int parallel, Transfer transfer, int port) throws Exception {
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        long start = System.nanoTime();
        long end = start + PHASE_NANOS / 2;
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            running.add(pool.submit(() -> {
                try (RawHttp connection = port > 0 ? new RawHttp(port) : null) {
                    while (System.nanoTime() < end) {
                        bytes.addAndGet(transfer.run(connection));
                    }
                }
                return null;
            }));
        }
        for (Future<?> each : running) {
            each.get();
        }
        pool.shutdown();
        return bytes.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static long cat(Path file) throws Exception {
        Process process = new ProcessBuilder("cat", file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.waitFor();
        return Files.size(file);
    }

    /** The bytes the process caused to be written to storage, from Linux's /proc/PID/io; -1 elsewhere. */
    private static long writeBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).strip());
                }
            }
        } catch (Exception unavailable) {
            return -1;
        }
        return -1;
    }

    /** The original's first download: copy the base, decompress, append vesselinfo with tar -rf, compress. */
    private void originalsRoute(Path linuxBase) throws Exception {
        Path dir = Files.createDirectories(work.resolve("original"));
        Files.writeString(dir.resolve("vesselinfo"), "Percent 80\nOwner " + distinctKey() + "\nUser " + distinctKey()
                + "\nPercent 20\nOwner " + distinctKey() + "\n");
        String script = "cp " + linuxBase + " installer.tgz && gzip -d -f installer.tgz && mkdir -p seattle"
                + " && cp vesselinfo seattle/ && tar -rf installer.tar seattle/vesselinfo && gzip -f installer.tar";
        int runs = 5;
        Tools.ok(dir, "sh", "-c", script);
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            Tools.ok(dir, "sh", "-c", script);
        }
        double millis = (System.nanoTime() - start) / 1e6 / runs;
        line("");
        line("the original's route per first download (cp, gzip -d, tar -rf, gzip) on the linux base: %.0f ms"
                + " (%.1f per second on one core)", millis, 1000 / millis);
    }

    private void line(String format, Object... args) {
        table.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
