package io.github.seattleinstaller.service.it;

import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import io.github.seattleinstaller.service.testing.FormPost;
import io.github.seattleinstaller.service.testing.JobsClient;
import io.github.seattleinstaller.service.testing.Tools;
import io.github.seattleinstaller.service.testing.Zips;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may build, and what is never kept: with a token, build_installers needs it (as Python's ServerProxy sends it
 * from {@code http://user:token@host/}, or as a Bearer token); without one, the service will not listen beyond
 * loopback unless told to; clients are rate-limited; and the private keys it generates, for the API and for the
 * builder page's form, are returned once and are found afterwards nowhere: not in the database, the access log, the
 * service's log or anywhere in its data directory (nor is the handle that reached the page's keys).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessAndSecretsIT {
    private static final String TOKEN = "c0ffee-TEST-ONLY-token-0123456789abcdef";

    @TempDir
    Path work;

    @Test
    @Order(1)
    void refusesToListenBeyondLoopbackWithoutAToken() throws Exception {
        int port = ServiceProcess.freePort();
        try (ServiceProcess service = ServiceProcess.launch(work.resolve("open"), "0.0.0.0:" + port, "/", Map.of(),
                ServiceProcess.standardOptions(TestBases.shared(), "/"))) {
            assertEquals(2, service.waitForExit());
            assertTrue(service.output().contains("Refusing to listen on 0.0.0.0 without a token"), service.output());
        }
    }

    @Test
    @Order(2)
    void tokensRateLimitsAndNoSecretKept() throws Exception {
        Path data = work.resolve("data");
        Path tokenFile = Files.writeString(work.resolve("token"), TOKEN + "\n");
        List<String> privateKeys = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.start(data, TestBases.shared(), "/custom_install", Map.of(),
                "--token-file", tokenFile.toString(), "--rate-limit", "2")) {
            String authenticated = service.xmlrpcUrl().replace("http://", "http://clearinghouse:" + TOKEN + "@");
            String output = Tools.python(work, """
                    import sys, xmlrpc.client
                    open_url, token_url, wrong_url = sys.argv[1:4]
                    try:
                        xmlrpc.client.ServerProxy(open_url).build_installers([{'percentage': 80, 'owner': 'owner'}])
                        print('no-token built')
                    except xmlrpc.client.ProtocolError as e:
                        print('no-token', e.errcode)
                    try:
                        xmlrpc.client.ServerProxy(wrong_url).build_installers([{'percentage': 80, 'owner': 'owner'}])
                        print('wrong-token built')
                    except xmlrpc.client.ProtocolError as e:
                        print('wrong-token', e.errcode)
                    print('reads', xmlrpc.client.ServerProxy(open_url).api_version())
                    r = xmlrpc.client.ServerProxy(token_url).build_installers(
                        [{'percentage': 50, 'owner': 'alice1', 'users': ['bob123']},
                         {'percentage': 30, 'owner': 'carol1'}])
                    for name in ('alice1', 'bob123', 'carol1'):
                        print('private', r['users'][name]['private_key'])
                        assert r['users'][name]['public_key']
                    for platform, url in r['installers'].items():
                        print('installer', url)
                    """, service.xmlrpcUrl(), authenticated, authenticated.replace(TOKEN, "not-the-token"));
            assertTrue(output.contains("no-token 401") && output.contains("wrong-token 401"), output);
            assertTrue(output.contains("reads 2.0"), output);
            for (String line : output.split("\n")) {
                if (line.startsWith("private ")) {
                    privateKeys.add(line.substring("private ".length()));
                } else if (line.startsWith("installer ")) {
                    Tools.ok(work, "curl", "-sSf", "-o", "/dev/null", line.substring("installer ".length()));
                }
            }
            assertEquals(3, privateKeys.size());
            for (String key : privateKeys) {
                SeattlePrivateKey parsed = SeattlePrivateKey.parse(key);
                assertEquals(2048, parsed.modulus().bitLength(), "generated keys are 2048-bit by default");
            }
            // A Bearer token works too; then quick calls use up the allowance of 2 a second (bursts of 4).
            Path call = Files.writeString(work.resolve("call.xml"), "<?xml version='1.0'?><methodCall><methodName>"
                    + "build_installers</methodName><params><param><value><array><data><value><struct><member><name>"
                    + "percentage</name><value><int>80</int></value></member><member><name>owner</name><value>"
                    + "<string>dave12</string></value></member></struct></value></data></array></value></param>"
                    + "</params></methodCall>");
            Thread.sleep(2500);
            List<String> statuses = new ArrayList<>();
            Path version = Files.writeString(work.resolve("version.xml"),
                    "<?xml version='1.0'?><methodCall><methodName>api_version</methodName></methodCall>");
            for (int i = 0; i < 10; i++) {
                statuses.add(Tools.ok(work, "curl", "-sS", "-o", "bearer-" + i + ".xml", "-w", "%{http_code}",
                        "-H", "Authorization: Bearer " + TOKEN, "-H", "Content-Type: text/xml",
                        "--data-binary", "@" + (i == 0 ? call : version), service.xmlrpcUrl()));
            }
            assertEquals("200", statuses.get(0), statuses.toString());
            assertTrue(Files.readString(work.resolve("bearer-0.xml")).contains("private_key"));
            assertTrue(statuses.contains("429"), "the rate limit refuses a burst: " + statuses);
            String answer = Files.readString(work.resolve("bearer-0.xml"));
            String marker = "<name>private_key</name>\n<value><string>";
            int start = answer.indexOf(marker) + marker.length();
            privateKeys.add(answer.substring(start, answer.indexOf("</string>", start)));

            // The builder form is a write as build_installers is: it needs the token too. Its generated key waits in
            // memory for one download, under a handle only the browser's cookie holds, and is kept nowhere either.
            Thread.sleep(2500);
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            FormPost form = FormPost.urlEncoded().field("user1.name", "erin12").field("user1.key", "generate")
                    .field("vessel1.percent", "80").field("vessel1.owner", "1").field("action", "build");
            HttpRequest.Builder page = HttpRequest.newBuilder(URI.create(service.base() + "/"));
            JobsClient metrics = new JobsClient(service.base(), Optional.empty());
            String refusedForToken = "seattle_http_refused_total{reason=\"token\"}";
            double refusedBefore = metrics.counter(service.root() + "/metrics", refusedForToken);
            assertEquals(401, browser.send(form.post(page).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(refusedBefore + 1, metrics.counter(service.root() + "/metrics", refusedForToken),
                    "the page's refusal is counted as the API's are");
            assertTrue(refusedBefore >= 2, "the two XML-RPC calls without the token were counted: " + refusedBefore);
            assertTrue(metrics.counter(service.root() + "/metrics", "seattle_http_refused_total{reason=\"rate\"}") >= 1);
            HttpResponse<String> built = browser.send(form.post(HttpRequest.newBuilder(URI.create(service.base() + "/"))
                    .header("Authorization", "Bearer " + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, built.statusCode(), built.body());
            String keysUrl = built.headers().firstValue("Location").orElseThrow();
            String handle = built.headers().firstValue("Set-Cookie").orElseThrow().replaceAll("^seattle_keys=([0-9a-f]+);.*", "$1");
            HttpResponse<byte[]> zip = browser.send(FormPost.urlEncoded().post(HttpRequest.newBuilder(
                    URI.create(keysUrl + "private_keys.zip"))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, zip.statusCode());
            String pagePrivateKey = Zips.textEntries(zip.body()).get("erin12.privatekey");
            assertEquals(2048, SeattlePrivateKey.parse(pagePrivateKey).modulus().bitLength());
            privateKeys.add(pagePrivateKey);
            assertEquals(ServiceProcess.SIGTERM_EXIT, service.stop());

            List<byte[]> secrets = new ArrayList<>();
            for (String key : privateKeys) {
                for (String number : key.split(" ")) {
                    secrets.add(number.getBytes(StandardCharsets.US_ASCII));
                    secrets.add(unsigned(new BigInteger(number)));
                    // Text stored as UTF-16 would hide the decimal digits from a byte search.
                    secrets.add(number.getBytes(StandardCharsets.UTF_16BE));
                }
            }
            secrets.add(TOKEN.getBytes(StandardCharsets.UTF_8));
            secrets.add(handle.getBytes(StandardCharsets.US_ASCII));
            List<Path> searched = new ArrayList<>();
            try (var files = Files.walk(work)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    boolean ours = file.startsWith(data) || file.equals(service.outputFile());
                    if (!ours) {
                        continue;
                    }
                    searched.add(file);
                    byte[] content = Files.readAllBytes(file);
                    for (byte[] secret : secrets) {
                        assertTrue(indexOf(content, secret) < 0, "a secret was found in " + file);
                    }
                }
            }
            assertTrue(searched.stream().anyMatch(file -> file.getFileName().toString().endsWith(".mv.db")), searched.toString());
            assertTrue(searched.stream().anyMatch(file -> file.getFileName().toString().equals("access.log")), searched.toString());
            assertTrue(searched.contains(service.outputFile()), searched.toString());
        }
    }

    private static byte[] unsigned(BigInteger number) {
        byte[] bytes = number.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static int indexOf(byte[] content, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= content.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (content[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
