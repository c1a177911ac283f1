package io.github.seattleinstaller.service.it;

import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.service.store.BuildStore;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import io.github.seattleinstaller.service.testing.XmlRpcClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.github.seattleinstaller.service.testing.XmlRpcClient.key;
import static io.github.seattleinstaller.service.testing.XmlRpcClient.vessel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds outlive the process: a restart keeps every build, a SIGKILL in the middle of builds leaves each
 * build recorded whole or not at all, and new bases (swapped in by the operator's reload) serve the existing
 * builds with their own vesselinfo.
 */
class StorageEndToEndIT {
    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    static List<String> donorKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        for (String file : List.of("alice.publickey", "bob-student.publickey", "alice-lab.pub.pem", "bob.pub.pem")) {
            keys.add(PublicKeyReader.readFile(TestBases.exampleKeys().resolve(file), file).toText());
        }
        return keys;
    }

    @Test
    void restartKeepsBuildsAndReloadedBasesServeThem() throws Exception {
        Path bases = Files.createDirectories(work.resolve("bases"));
        copyBases(TestBases.shared(), bases);
        Path data = work.resolve("data");
        List<String> keys = donorKeys();
        List<String> ids = new ArrayList<>();
        Map<String, String> linuxSha = new java.util.HashMap<>();
        try (ServiceProcess service = ServiceProcess.start(data, bases, "/", Map.of(), "--key-pool", "0")) {
            XmlRpcClient client = new XmlRpcClient(http, service.xmlrpcUrl(), Optional.empty());
            for (int i = 0; i < keys.size(); i++) {
                Map<String, Object> result = client.buildInstallers(List.of(vessel(80, "owner", "user")),
                        Map.of("owner", key(keys.get(i)), "user", key(keys.get(0))));
                String id = (String) result.get("build_id");
                ids.add(id);
                linuxSha.put(id, sha256(download(service.base() + "/" + id + "/installers/linux/")));
            }
            assertEquals(ServiceProcess.SIGTERM_EXIT, service.stop());
            assertTrue(service.output().contains("Stopped"), service.output());
        }
        try (ServiceProcess service = ServiceProcess.start(data, bases, "/", Map.of(), "--key-pool", "0")) {
            XmlRpcClient client = new XmlRpcClient(http, service.xmlrpcUrl(), Optional.empty());
            for (String id : ids) {
                @SuppressWarnings("unchecked")
                Map<String, Object> urls = (Map<String, Object>) client.call("get_urls", id);
                assertEquals(Set.of("linux", "mac", "windows"), urls.keySet());
                assertEquals(linuxSha.get(id), sha256(download((String) urls.get("linux"))),
                        "the same build gives the same bytes after a restart");
            }
            // New bases (built an hour later: other bytes), put in place, then the operator's reload.
            TestBases.build(work.resolve("new-bases"), TestBases.BASE_NAME, TestBases.TIMESTAMP.plusSeconds(3600));
            copyBases(work.resolve("new-bases"), bases);
            HttpResponse<String> reload = http.send(HttpRequest.newBuilder(URI.create(service.base()
                    + "/admin/reload-bases")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reload.statusCode(), reload.body());
            String id = ids.get(1);
            Path installer = work.resolve("seattle_linux.tgz");
            Files.write(installer, download(service.base() + "/" + id + "/installers/linux/"));
            Files.write(Path.of(installer + ".sig"), download(service.base() + "/" + id
                    + "/installers/linux/seattle_linux.tgz.sig"));
            assertNotEquals(linuxSha.get(id), sha256(Files.readAllBytes(installer)), "served from the new bases");
            assertTrue(ClearinghouseEndToEndIT.vesselinfoOf(installer).contains("Owner " + keys.get(1) + "\n"),
                    "with the build's own vesselinfo");
            new InstallerVerifier().verify(installer, Optional.of(TestBases.operatorKey().fingerprint()));
            assertEquals(ServiceProcess.SIGTERM_EXIT, service.stop());
        }
    }

    @Test
    void aKillDuringBuildsLeavesEveryBuildWholeOrAbsent() throws Exception {
        Path data = work.resolve("data");
        Path bases = TestBases.shared();
        List<String> keys = donorKeys();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ServiceProcess service = ServiceProcess.start(data, bases, "/", Map.of(), "--rate-limit", "0", "--key-pool", "0")) {
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                clients.submit(() -> {
                    XmlRpcClient client = new XmlRpcClient(http, service.xmlrpcUrl(), Optional.empty());
                    while (running.get()) {
                        try {
                            Map<String, Object> result = client.buildInstallers(randomSplit(keys), Map.of(
                                    "key0", key(keys.get(0)), "key1", key(keys.get(1)),
                                    "key2", key(keys.get(2)), "key3", key(keys.get(3))));
                            answered.add((String) result.get("build_id"));
                        } catch (java.io.IOException killed) {
                            return;
                        } catch (Exception unexpected) {
                            failures.add(unexpected.toString());
                            return;
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (answered.size() < 150 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            service.kill();
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), failures);
        assertTrue(answered.size() >= 50, "builds answered before the kill: " + answered.size());
        // Every answered build survived, and every recorded build is whole: its vesselinfo valid and signed.
        List<String> recorded = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(BuildStore.h2Url(data), "sa", "");
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT id, vesselinfo, vesselinfo_signature, base_set_id FROM builds")) {
            while (rows.next()) {
                recorded.add(rows.getString(1));
                byte[] text = rows.getString(2).getBytes(StandardCharsets.UTF_8);
                VesselInfo.parse("record " + rows.getString(1), rows.getString(2));
                assertTrue(Sha256WithRsa.verifies(text, Base64.getDecoder().decode(rows.getString(3)),
                        TestBases.operatorKey().publicKey()), "the signature of " + rows.getString(1));
                assertEquals(64, rows.getString(4).strip().length());
            }
        }
        assertTrue(recorded.containsAll(answered), "every build a client was answered is recorded");
        try (ServiceProcess service = ServiceProcess.start(data, bases, "/", Map.of(), "--key-pool", "0")) {
            XmlRpcClient client = new XmlRpcClient(http, service.xmlrpcUrl(), Optional.empty());
            String id = answered.iterator().next();
            client.call("get_urls", id);
            Path installer = work.resolve("after-kill-seattle_win.zip");
            Files.write(installer, download(service.base() + "/" + id + "/installers/windows/"));
            new InstallerVerifier().verify(installer, Optional.of(TestBases.operatorKey().fingerprint()));
            service.stop();
        }
    }

    @Test
    void basesByReleasedCoordinatesFromARepository() throws Exception {
        Path version = Files.createDirectories(work.resolve("repository/org/example/seattle/operator-installers/1.0.0"));
        try (var files = Files.list(TestBases.shared())) {
            for (Path file : files.filter(file -> file.getFileName().toString().matches(".*\\.(tar\\.gz|zip)(\\.sig)?"))
                    .toList()) {
                Files.copy(file, version.resolve(file.getFileName().toString()
                        .replace(TestBases.BASE_NAME, "operator-installers-1.0.0")));
            }
        }
        Path data = work.resolve("data");
        try (ServiceProcess service = ServiceProcess.startRaw(data, "/", Map.of(), List.of(
                "--bases-artifact", "org.example.seattle:operator-installers:1.0.0",
                "--repository", work.resolve("repository").toUri().toString(),
                "--expected-key-fingerprint", TestBases.operatorKey().fingerprint().toString(),
                "--operator-key", TestBases.operatorKeyFile().toString(), "--key-pool", "0"))) {
            XmlRpcClient client = new XmlRpcClient(http, service.xmlrpcUrl(), Optional.empty());
            Map<String, Object> result = client.buildInstallers(List.of(vessel(80, "owner")),
                    Map.of("owner", key(donorKeys().get(0))));
            @SuppressWarnings("unchecked")
            String url = ((Map<String, String>) result.get("installers")).get("mac");
            Path installer = work.resolve("seattle_mac.tgz");
            Files.write(installer, download(url));
            new InstallerVerifier().verify(installer, Optional.of(TestBases.operatorKey().fingerprint()));
            assertTrue(Files.isRegularFile(data.resolve("released-bases/org/example/seattle/operator-installers/1.0.0/"
                    + "operator-installers-1.0.0-macos.tar.gz.sig")), "fetched with its .sig into the data directory");
            assertEquals(ServiceProcess.SIGTERM_EXIT, service.stop());
        }
    }

    @Test
    void aGracefulStopLetsADownloadInFlightFinish() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(work.resolve("data"), TestBases.shared(), "/", Map.of(),
                "--key-pool", "0")) {
            XmlRpcClient client = new XmlRpcClient(http, service.xmlrpcUrl(), Optional.empty());
            Map<String, Object> result = client.buildInstallers(List.of(vessel(80, "owner")),
                    Map.of("owner", key(donorKeys().get(2))));
            @SuppressWarnings("unchecked")
            String url = ((Map<String, String>) result.get("installers")).get("windows");
            byte[] expected = download(url);
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", service.port())) {
                socket.setReceiveBufferSize(16 * 1024);
                socket.getOutputStream().write(("GET " + URI.create(url).getPath() + " HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                java.io.InputStream in = socket.getInputStream();
                byte[] start = in.readNBytes(4096);
                service.terminate();
                // A client that stops reading for longer than Jetty's default shutdown idle timeout (1 s), as a
                // slow donor's link does, must still get the whole installer.
                Thread.sleep(2500);
                byte[] rest = in.readAllBytes();
                byte[] whole = new byte[start.length + rest.length];
                System.arraycopy(start, 0, whole, 0, start.length);
                System.arraycopy(rest, 0, whole, start.length, rest.length);
                String response = new String(whole, StandardCharsets.ISO_8859_1);
                int body = response.indexOf("\r\n\r\n") + 4;
                assertTrue(response.startsWith("HTTP/1.1 200"), response.substring(0, 100));
                assertTrue(java.util.Arrays.equals(expected, java.util.Arrays.copyOfRange(whole, body, whole.length)),
                        "the download in flight when SIGTERM came was sent whole");
            }
            assertEquals(ServiceProcess.SIGTERM_EXIT, service.waitForExit());
            assertTrue(service.output().contains("Stopped"), service.output());
        }
    }

    /** A random split of the 80% into whole tenths, each vessel owned by one of the keys. */
    private static List<Map<String, Object>> randomSplit(List<String> keys) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Map<String, Object>> vessels = new ArrayList<>();
        int left = 8;
        while (left > 0) {
            int tenths = 1 + random.nextInt(left);
            left -= tenths;
            vessels.add(vessel(tenths * 10, "key" + random.nextInt(keys.size()), "key" + random.nextInt(keys.size())));
        }
        return vessels;
    }

    private byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void copyBases(Path from, Path to) throws Exception {
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(file.getFileName().toString().replace(".tmp", ""));
                Path temporary = to.resolve("." + file.getFileName() + ".copy");
                Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
