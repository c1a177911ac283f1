package io.github.seattleinstaller.service.it;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.customize.BaseInstallerFinder;
import io.github.seattleinstaller.builder.customize.CustomizeRequest;
import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.builder.customize.InstallerCustomizer;
import io.github.seattleinstaller.builder.verify.InstallerReport;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.service.clearinghouse.ClearinghousePlatform;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import io.github.seattleinstaller.service.testing.Tools;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real service as a process, driven as the clearinghouse drives it (python3's xmlrpc.client making exactly its
 * call), its downloads checked by independent readers (GNU tar, unzip, openssl, python3, curl) and by the core,
 * and an installer it served run to write a vessel state.
 */
class ClearinghouseEndToEndIT {
    private static final String CONTEXT = "/custom_install";

    @TempDir
    static Path work;
    static ServiceProcess service;
    static Map<String, String> facts = new LinkedHashMap<>();
    static Map<String, String> refusals = new LinkedHashMap<>();
    static Map<String, String[]> installers = new LinkedHashMap<>();
    static Path downloads;
    static Path bases;

    @BeforeAll
    static void buildThroughTheClearinghousesCall() throws Exception {
        bases = TestBases.shared();
        service = ServiceProcess.start(work.resolve("data"), bases, CONTEXT, Map.of(), "--key-pool", "0");
        downloads = Files.createDirectories(work.resolve("downloads"));
        Path client = work.resolve("clearinghouse_client.py");
        try (InputStream script = ClearinghouseEndToEndIT.class.getResourceAsStream("/clearinghouse_client.py")) {
            Files.copy(script, client);
        }
        String output = Tools.ok(work, "python3", client.toString(), service.xmlrpcUrl(),
                donorKeyFile().toString(), acceptDonationsKeyFile().toString(), downloads.toString());
        for (String line : output.split("\n")) {
            String[] fields = line.split("\t", -1);
            switch (fields[0]) {
                case "refusal" -> refusals.put(fields[1], fields[2] + " " + fields[3]);
                case "installer" -> installers.put(fields[1], fields);
                case "user" -> facts.put("user " + fields[1], fields[2] + " " + fields[3]);
                default -> facts.put(fields[0], fields.length > 1 ? fields[1] : "");
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            assertEquals(ServiceProcess.SIGTERM_EXIT, service.stop(), service.output());
            assertTrue(service.output().contains("Stopped"), service.output());
        }
    }

    static Path donorKeyFile() {
        return TestBases.exampleKeys().resolve("alice.publickey");
    }

    static Path acceptDonationsKeyFile() {
        return TestBases.exampleKeys().resolve("bob-student.publickey");
    }

    @Test
    void answersTheClearinghousesCallAsTheOriginalDid() throws Exception {
        assertEquals("2.0", facts.get("api_version"));
        assertTrue(facts.get("build_id").matches("[0-9a-f]{40}"), facts.get("build_id"));
        assertEquals("build_id,installers,users", facts.get("result_keys"));
        assertEquals("True", facts.get("urls_equal"));
        String donor = Files.readString(donorKeyFile()).strip();
        String accept = Files.readString(acceptDonationsKeyFile()).strip();
        assertEquals("public_key " + donor, facts.get("user owner"), "no private key for a user who gave a key");
        assertEquals("public_key " + accept, facts.get("user user"));
        assertEquals(List.of("linux", "mac", "windows"), List.copyOf(installers.keySet()));
        for (String[] installer : installers.values()) {
            String platform = installer[1];
            assertEquals(service.base() + "/" + facts.get("build_id") + "/installers/" + platform + "/", installer[2]);
            assertEquals(ClearinghousePlatform.ofApiName(platform).orElseThrow().fileName(), installer[3]);
        }
    }

    @Test
    void refusesEveryBadCallWithTheOriginalsFault() {
        Map<String, String> expected = new LinkedHashMap<>();
        String total = "1 ValidationError:Vessel resources must total 80% exactly. Current vessels total ";
        String tenths = "1 ValidationError:Percentage should be a multiple of 10 from 10 to 80: the installer gives"
                + " each vessel whole tenths of the donation.";
        String type = "1 ValidationError:Percentage should be of type int or long.";
        String key = "1 ValidationError:Invalid public key provided.";
        String id = "1 ValidationError:Invalid build_id provided.";
        expected.put("total70", total + "70%.");
        expected.put("total90", total + "90%.");
        expected.put("empty", total + "0%.");
        expected.put("split55", tenths);
        expected.put("percent90", tenths);
        expected.put("percentString", type);
        expected.put("percentFloat", type);
        expected.put("percentBool", type);
        expected.put("percentMissing", type);
        expected.put("percentZero", "1 ValidationError:Percentage should be a positive integer.");
        expected.put("percentNegative", "1 ValidationError:Percentage should be a positive integer.");
        expected.put("percent110", "1 ValidationError:Percentage should not exceed 100.");
        expected.put("noOwner", "1 ValidationError:All vessels must have a specified owner.");
        expected.put("emptyOwner", "1 ValidationError:All vessels must have a specified owner.");
        expected.put("shortName", "1 ValidationError:Username must be at least 3 characters long.");
        expected.put("longName", "1 ValidationError:Username must not exceed 40 characters.");
        expected.put("nameCharacters", "1 ValidationError:Username can only contain these characters: 0-9a-zA-Z_");
        expected.put("nameStart", "1 ValidationError:Username must start with one of these characters: 0-9a-zA-Z");
        expected.put("userName", "1 ValidationError:Username must be at least 3 characters long.");
        expected.put("keyText", key);
        expected.put("keyThreeNumbers", key);
        expected.put("keyNewline", key);
        expected.put("keyNotRsa", key);
        expected.put("keyNotString", key);
        expected.put("vesselListNotList", "1 ValidationError:The vessel list must be a list of vessels.");
        expected.put("vesselNotStruct",
                "1 ValidationError:Each vessel must be a struct with 'percentage', 'owner' and 'users'.");
        expected.put("usersNotList", "1 ValidationError:The users of a vessel must be a list of usernames.");
        expected.put("userDataNotStruct", "1 ValidationError:The user data must be a struct mapping usernames to structs.");
        expected.put("userEntryNotStruct", "1 ValidationError:The user data of each user must be a struct.");
        expected.put("buildIdShort", id);
        expected.put("buildIdUpper", id);
        expected.put("buildIdNotString", id);
        expected.put("buildIdUnknown", "1 ValidationError:Given build ID does not exist.");
        expected.put("apiVersionArgument", "1 TypeError:api_version() takes 0 positional arguments but 1 was given");
        expected.put("buildNoArguments",
                "1 TypeError:build_installers() missing 1 required positional argument: 'vessel_list'");
        expected.put("buildThreeArguments",
                "1 TypeError:build_installers() takes from 1 to 2 positional arguments but 3 were given");
        expected.put("getUrlsNoArgument", "1 TypeError:get_urls() missing 1 required positional argument: 'build_id'");
        expected.put("getUrlsTwoArguments", "1 TypeError:get_urls() takes 1 positional argument but 2 were given");
        expected.put("unknownMethod", "1 Exception:method \"delete_everything\" is not supported");
        expected.put("malformed", "1 ExpatError:the request is not well-formed XML: line 1, column 57");
        expected.put("notXmlRpc", "1 ResponseError:expected <methodCall>, found <html>");
        expected.put("doctype", "1 ExpatError:a document type declaration (DTD) is not allowed");
        expected.put("externalEntity", "1 ExpatError:a document type declaration (DTD) is not allowed");
        expected.put("deep", "1 ResponseError:the values nest more than 16 deep");
        expected.put("badInt", "1 ResponseError:'twelve' is not an integer");
        assertEquals(expected, refusals);
        assertTrue(!service.output().contains("Exception:") && !service.output().contains("\tat "),
                "no refusal left a stack trace in the log:\n" + service.output());
    }

    @Test
    void downloadsAreWhatSeattleCustomizeWritesAndVerify() throws Exception {
        String vesselinfo = vesselinfoOf(downloads.resolve("linux/seattle_linux.tgz"));
        SeattlePublicKey donor = SeattlePublicKey.parse(Files.readString(donorKeyFile()));
        SeattlePublicKey accept = SeattlePublicKey.parse(Files.readString(acceptDonationsKeyFile()));
        SeattlePublicKey reserved = TestBases.operatorKey().seattlePublicKey();
        assertEquals("Percent 80\nOwner " + donor.toText() + "\nUser " + accept.toText() + "\nPercent 20\nOwner "
                + reserved.toText() + "\n", vesselinfo, "the reserved 20% vessel is appended last");

        Instant entryTime = vesselinfoEntry(downloads.resolve("linux/seattle_linux.tgz")).time();
        Path customized = work.resolve("customized");
        List<CustomizeRequest.Base> found = BaseInstallerFinder.find(bases, List.of(Platform.values()));
        new InstallerCustomizer(ProgressLog.NONE).customize(CustomizeRequest.builder().bases(found)
                .donor(new DonorName("donor"), VesselInfo.parse("vesselinfo", vesselinfo))
                .operatorKey(TestBases.operatorKey()).outputDirectory(customized).outputTimestamp(entryTime).build());
        InstallerVerifier verifier = new InstallerVerifier();
        for (ClearinghousePlatform platform : ClearinghousePlatform.values()) {
            Path download = downloads.resolve(platform.apiName()).resolve(platform.fileName());
            Path expected = customized.resolve(platform.platform().fileName(TestBases.BASE_NAME + "-donor"));
            assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(download),
                    platform + ": byte-identical to seattle:customize's output for the same base, vesselinfo and time");
            assertArrayEquals(Files.readAllBytes(Path.of(expected + ".sig")), Files.readAllBytes(Path.of(download + ".sig")));
            InstallerReport report = verifier.verify(download, Optional.of(TestBases.operatorKey().fingerprint()));
            assertTrue(report.checksumFileChecked() && report.signatureFileChecked(), platform.toString());
            assertEquals("\"" + sha256(download) + "\"", installers.get(platform.apiName())[4], "the ETag is the SHA-256");
        }
    }

    @Test
    void independentToolsReadAndCheckWhatItServes() throws Exception {
        Path linux = downloads.resolve("linux");
        Path pem = TestBases.operatorPublicKeyPem();
        Tools.ok(linux, "sha256sum", "-c", "seattle_linux.tgz.sha256");
        assertTrue(Tools.ok(linux, "openssl", "dgst", "-sha256", "-verify", pem.toString(), "-signature",
                "seattle_linux.tgz.sig", "seattle_linux.tgz").contains("Verified OK"));
        String listing = Tools.ok(linux, "tar", "tzf", "seattle_linux.tgz");
        assertTrue(listing.lines().allMatch(line -> line.startsWith("seattle/")), "one top-level directory");
        assertTrue(listing.lines().anyMatch("seattle/vesselinfo"::equals) && listing.lines().anyMatch("seattle/vesselinfo.sig"::equals));
        Tools.ok(linux, "tar", "xzf", "seattle_linux.tgz");
        assertTrue(Tools.ok(linux, "openssl", "dgst", "-sha256", "-verify", "seattle/operator.pub.pem", "-signature",
                "seattle/vesselinfo.sig", "seattle/vesselinfo").contains("Verified OK"));

        Path windows = downloads.resolve("windows");
        Tools.ok(windows, "unzip", "-tq", "seattle_win.zip");
        assertEquals(Files.readString(linux.resolve("seattle/vesselinfo")),
                Tools.ok(windows, "unzip", "-p", "seattle_win.zip", "seattle/vesselinfo"));
        assertTrue(Tools.ok(windows, "openssl", "dgst", "-sha256", "-verify", pem.toString(), "-signature",
                "seattle_win.zip.sig", "seattle_win.zip").contains("Verified OK"));

        String python = Tools.python(work, """
                import sys, tarfile, zipfile
                with tarfile.open(sys.argv[1]) as tar:
                    tgz = tar.extractfile('seattle/vesselinfo').read()
                with zipfile.ZipFile(sys.argv[2]) as z:
                    assert z.testzip() is None
                    win = z.read('seattle/vesselinfo')
                assert tgz == win
                print(tgz.decode().splitlines()[0])
                """, downloads.resolve("mac/seattle_mac.tgz").toString(), windows.resolve("seattle_win.zip").toString());
        assertEquals("Percent 80", python.strip());
    }

    @Test
    void anInstallerItServedWritesTheVesselState() throws Exception {
        Path donor = Files.createDirectories(work.resolve("donor-machine"));
        Tools.ok(donor, "tar", "xzf", downloads.resolve("linux/seattle_linux.tgz").toString());
        Path maxima = Files.writeString(donor.resolve("maxima"), String.join("\n", "resource cpu 1",
                "resource memory 510000000", "resource diskused 3700000000", "resource events 500",
                "resource filewrite 1200000", "resource fileread 1200000", "resource filesopened 250",
                "resource insockets 250", "resource outsockets 250", "resource netsend 500000",
                "resource netrecv 500000", "resource loopsend 50000000", "resource looprecv 50000000",
                "resource lograte 1500000", "resource random 200000", ""));
        String output = Tools.ok(donor.resolve("seattle"), "sh", "install.sh", "--maxima", maxima.toString(),
                "--expect-key", TestBases.operatorKey().fingerprint().hex());
        assertTrue(output.contains("Installed 2 vessels"), output);
        Path state = donor.resolve("seattle/seattle_repy");
        String v1 = Files.readString(state.resolve("resource.v1"));
        assertTrue(v1.contains("resource memory 39200000\n") && v1.contains("resource cpu 0.0768\n"), v1);
        String checked = Tools.python(work, """
                import ast, sys
                d = ast.literal_eval(open(sys.argv[1]).read())
                donor = int(open(sys.argv[2]).read().split()[1])
                accept = int(open(sys.argv[3]).read().split()[1])
                assert sorted(d) == ['v1', 'v2']
                assert d['v1']['ownerkey']['n'] == donor and [k['n'] for k in d['v1']['userkeys']] == [accept]
                assert d['v2']['userkeys'] == []
                print('state ok')
                """, state.resolve("vesseldict").toString(), donorKeyFile().toString(), acceptDonationsKeyFile().toString());
        assertEquals("state ok", checked.strip());
    }

    @Test
    void curlGetsHeadRangesAndResumes() throws Exception {
        String url = installers.get("windows")[2];
        Path dir = Files.createDirectories(work.resolve("curl"));
        byte[] whole = Files.readAllBytes(downloads.resolve("windows/seattle_win.zip"));
        String head = Tools.ok(dir, "curl", "-sS", "-I", url);
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        assertTrue(head.contains("Content-Length: " + whole.length + "\r\n"), head);
        assertTrue(head.contains("ETag: \"" + sha256(downloads.resolve("windows/seattle_win.zip")) + "\""), head);
        assertTrue(head.contains("Accept-Ranges: bytes") && head.contains("filename=\"seattle_win.zip\""), head);

        String status = Tools.ok(dir, "curl", "-sS", "-r", "0-99", "-o", "first", "-w", "%{http_code}", url);
        assertEquals("206", status);
        assertArrayEquals(java.util.Arrays.copyOf(whole, 100), Files.readAllBytes(dir.resolve("first")));
        // The range that ends in the suffix, and a suffix range.
        Tools.ok(dir, "curl", "-sS", "-r", (whole.length - 1000) + "-", "-o", "tail", url);
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, whole.length - 1000, whole.length),
                Files.readAllBytes(dir.resolve("tail")));
        Tools.ok(dir, "curl", "-sS", "-r", "-10", "-o", "last10", url);
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, whole.length - 10, whole.length),
                Files.readAllBytes(dir.resolve("last10")));
        // A resumed download: half a file, then curl -C - fetches the rest.
        Files.write(dir.resolve("resumed.zip"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Tools.ok(dir, "curl", "-sS", "-C", "-", "-o", "resumed.zip", url);
        assertArrayEquals(whole, Files.readAllBytes(dir.resolve("resumed.zip")));
        String beyond = Tools.ok(dir, "curl", "-sS", "-r", whole.length + "-", "-D", "-", "-o", "/dev/null", url);
        assertTrue(beyond.startsWith("HTTP/1.1 416") && beyond.contains("Content-Range: bytes */" + whole.length), beyond);
    }

    @Test
    void concurrentFirstDownloadsAgree() throws Exception {
        // A new build (another user key), downloaded by 16 clients at once before anyone fetched it.
        String output = Tools.python(work, """
                import sys, xmlrpc.client
                p = xmlrpc.client.ServerProxy(sys.argv[1])
                r = p.build_installers([{'percentage': 40, 'owner': 'owner'}, {'percentage': 40, 'owner': 'other'}],
                                       {'owner': {'public_key': open(sys.argv[2]).read().strip()}})
                assert 'private_key' in r['users']['other']
                print(r['installers']['windows'])
                """, service.xmlrpcUrl(), donorKeyFile().toString());
        String url = output.strip();
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> gets = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                gets.add(() -> {
                    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, response.statusCode());
                    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body()))
                            + " " + response.headers().firstValue("ETag").orElseThrow();
                });
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> answer : pool.invokeAll(gets)) {
                answers.add(answer.get());
            }
            String first = answers.get(0);
            assertTrue(answers.stream().allMatch(first::equals), answers.toString());
            assertEquals(first.split(" ")[1], "\"" + first.split(" ")[0] + "\"");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownIdsAndPlatformsAreNotFoundAndOperationsAnswer() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String id = facts.get("build_id");
        assertEquals(404, get(client, service.base() + "/" + "0".repeat(40) + "/installers/linux/").statusCode());
        HttpResponse<String> android = get(client, service.base() + "/" + id + "/installers/android/");
        assertEquals(404, android.statusCode());
        assertEquals("Invalid platform specified.\n", android.body());
        assertEquals(404, get(client, service.root() + "/" + id + "/installers/linux/").statusCode(),
                "outside the context path");
        HttpResponse<String> info = get(client, service.xmlrpcUrl());
        assertEquals(200, info.statusCode());
        assertTrue(info.body().contains("build_installers(vessel_list, user_data=None)")
                && info.body().contains(TestBases.operatorKey().fingerprint().toString()), info.body());
        HttpResponse<String> health = get(client, service.root() + "/health");
        assertTrue(health.body().contains("\"status\": \"UP\"") && health.body().contains("\"windows\""), health.body());
        String metrics = get(client, service.root() + "/metrics").body();
        assertTrue(metrics.contains("seattle_builds_total{outcome=\"created\"}"), metrics);
        assertTrue(metrics.contains("seattle_xmlrpc_faults_total{type=\"ValidationError\"}"), metrics);
        assertTrue(metrics.contains("seattle_downloads_total{complete=\"true\",platform=\"linux\"}"), metrics);
        assertTrue(metrics.contains("seattle_download_bytes_total") && metrics.contains("seattle_xmlrpc_call_seconds"),
                metrics);
        String accessLog = Files.readString(work.resolve("data/access.log"));
        assertTrue(accessLog.contains("\"POST /custom_install/xmlrpc/ HTTP/1.1\" 200"), accessLog);
        assertTrue(accessLog.contains("\"GET /custom_install/" + id + "/installers/linux/ HTTP/1.1\" 200"), accessLog);
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The vesselinfo entry of a tar.gz installer: its text and its time. */
    record VesselinfoEntry(String text, Instant time) {
    }

    static VesselinfoEntry vesselinfoEntry(Path tgz) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                Files.newInputStream(tgz), true))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.getName().equals("seattle/vesselinfo")) {
                    return new VesselinfoEntry(new String(tar.readAllBytes(), StandardCharsets.UTF_8),
                            entry.getModTime().toInstant());
                }
            }
        }
        throw new AssertionError("no vesselinfo in " + tgz);
    }

    static String vesselinfoOf(Path tgz) throws IOException {
        return vesselinfoEntry(tgz).text();
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
