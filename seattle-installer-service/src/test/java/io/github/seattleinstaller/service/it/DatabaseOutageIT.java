package io.github.seattleinstaller.service.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.seattleinstaller.service.testing.DonorTables;
import io.github.seattleinstaller.service.testing.JobsClient;
import io.github.seattleinstaller.service.testing.PostgresServer;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import io.github.seattleinstaller.service.testing.XmlRpcClient;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcCodec;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcFault;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.github.seattleinstaller.service.testing.XmlRpcClient.key;
import static io.github.seattleinstaller.service.testing.XmlRpcClient.vessel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The service on a real PostgreSQL that goes away and comes back: while the database is stopped, {@code /health}
 * answers 503 saying the database is down, an XML-RPC build gets a fault that says so, and a page and a download
 * that need the database get a 503 that says so, none of them with a stack trace or a Java class name; the process
 * stays up. Once the database is back, the service recovers by itself: {@code /health} is 200 again, a new build
 * works, and the build made before the outage still downloads, byte for byte as before.
 */
class DatabaseOutageIT {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final String CONTEXT = "/custom_install";
    /** How long the service may take to see the database back (its pool reconnects on the next request). */
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    /** Java class names, stack frames and the database's internals that must never reach a client. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\bat [a-z]+\\.[\\w.$]+\\(|\\b(java|javax|org|com|io)\\.[a-z]+\\.[\\w.]*[A-Z]\\w*|\\w+Exception\\b"
                    + "|Hikari|seattle-db|PSQL|postgresql|SQLState", Pattern.CASE_INSENSITIVE);
    private static final XmlRpcCodec CODEC = new XmlRpcCodec(XmlRpcLimits.DEFAULT);

    private final HttpClient http = HttpClient.newHttpClient();
    private final DonorTables keys = new DonorTables();

    @TempDir
    Path work;

    @Test
    void theServiceSaysTheDatabaseIsDownAndRecoversByItselfWhenItIsBack() throws Exception {
        String url = POSTGRES.createDatabase();
        try (ServiceProcess service = ServiceProcess.start(work.resolve("service"), TestBases.shared(), CONTEXT,
                Map.of("SEATTLE_DB_USER", PostgresServer.USER), "--db-url", url, "--rate-limit", "0",
                "--key-pool", "0")) {
            XmlRpcClient xmlrpc = new XmlRpcClient(http, service.xmlrpcUrl(), Optional.empty());
            JobsClient client = new JobsClient(service.base(), Optional.empty());

            HttpResponse<String> up = get(service.root() + "/health");
            assertEquals(200, up.statusCode(), up.body());
            JsonNode healthy = JobsClient.JSON.readTree(up.body());
            assertEquals("UP", healthy.get("status").asText());
            assertEquals("UP", healthy.get("database").asText());
            String before = build(xmlrpc);
            String beforeUrl = service.base() + "/" + before + "/installers/linux/";
            byte[] installer = client.download(beforeUrl);

            POSTGRES.stop();
            long stopped = System.nanoTime();
            HttpResponse<String> down = get(service.root() + "/health");
            System.out.printf("/health answered %d %d ms after the database stopped%n", down.statusCode(),
                    millisSince(stopped));
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("application/json", down.headers().firstValue("Content-Type").orElse(""));
            JsonNode unhealthy = JobsClient.JSON.readTree(down.body());
            assertEquals("DOWN", unhealthy.get("status").asText(), down.body());
            assertEquals("DOWN", unhealthy.get("database").asText(), down.body());
            assertEquals(healthy.get("baseSet"), unhealthy.get("baseSet"), "the bases are still loaded");
            assertEquals(healthy.get("platforms"), unhealthy.get("platforms"));

            HttpResponse<String> call = post(service.xmlrpcUrl(), buildCall());
            assertEquals(200, call.statusCode(), "a fault, not an HTTP error: " + call.body());
            assertClean(call.body());
            XmlRpcFault fault = assertThrows(XmlRpcFault.class,
                    () -> CODEC.decodeResponse(call.body().getBytes(StandardCharsets.UTF_8)), call.body());
            assertEquals(XmlRpcFault.GENERIC_CODE, fault.faultCode());
            assertTrue(fault.faultString().startsWith("DatabaseUnavailable:"),
                    () -> fault.faultString() + "\nthe service's log:\n" + service.output());
            assertTrue(fault.faultString().contains("database does not answer"), fault.faultString());

            HttpResponse<String> page = get(service.base() + "/" + before + "/");
            assertEquals(503, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
            assertTrue(page.headers().firstValue("Retry-After").isPresent(), page.headers().toString());
            assertTrue(page.body().contains("database does not answer"), page.body());
            assertClean(page.body());

            HttpResponse<String> download = get(beforeUrl);
            assertEquals(503, download.statusCode(), download.body());
            assertTrue(download.headers().firstValue("Retry-After").isPresent(), download.headers().toString());
            assertTrue(download.body().contains("database does not answer"), download.body());
            assertClean(download.body());

            assertTrue(service.output().contains("XML-RPC call build_installers failed: Cannot record build"),
                    "the log says what happened:\n" + service.output());
            assertTrue(isAlive(service), "the service is still running:\n" + service.output());

            POSTGRES.start();
            long restarted = System.nanoTime();
            awaitHealthy(service);
            System.out.printf("/health was 200 again %d ms after the database was back%n", millisSince(restarted));
            JsonNode recovered = JobsClient.JSON.readTree(get(service.root() + "/health").body());
            assertEquals("UP", recovered.get("database").asText(), recovered.toString());
            String after = build(xmlrpc);
            assertTrue(!after.equals(before), "a new build");
            client.download(service.base() + "/" + after + "/installers/linux/");
            assertArrayEquals(installer, client.download(beforeUrl), "the build made before the outage still downloads");
            assertEquals(ServiceProcess.SIGTERM_EXIT, service.stop(), service.output());
        }
    }

    /** One build with every key given, through XML-RPC; its id. */
    private String build(XmlRpcClient xmlrpc) throws Exception {
        Map<String, Object> built = xmlrpc.buildInstallers(List.of(vessel(80, "owner", "user")),
                Map.of("owner", key(keys.key().toText()), "user", key(keys.key().toText())));
        return (String) built.get("build_id");
    }

    private byte[] buildCall() {
        return CODEC.encodeCall("build_installers", List.of(List.of(vessel(80, "owner", "user")),
                Map.of("owner", key(keys.key().toText()), "user", key(keys.key().toText()))));
    }

    private static void assertClean(String body) {
        var internals = INTERNALS.matcher(body);
        if (internals.find()) {
            fail("the answer shows the service's internals (" + internals.group() + "):\n" + body);
        }
    }

    private void awaitHealthy(ServiceProcess service) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        HttpResponse<String> health;
        do {
            health = get(service.root() + "/health");
            if (health.statusCode() == 200) {
                return;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        fail("/health did not return to 200 within " + RECOVERY + " of the database's return: " + health.statusCode()
                + " " + health.body() + "\n" + service.output());
    }

    private static boolean isAlive(ServiceProcess service) {
        return ProcessHandle.of(service.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
