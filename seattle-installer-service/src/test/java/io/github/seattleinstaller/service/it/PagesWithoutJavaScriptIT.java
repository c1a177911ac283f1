package io.github.seattleinstaller.service.it;

import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.runtime.keys.SeattlePrivateKey;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.testing.DonorTables;
import io.github.seattleinstaller.service.testing.FormPost;
import io.github.seattleinstaller.service.testing.QrImages;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import io.github.seattleinstaller.service.testing.Tools;
import io.github.seattleinstaller.service.testing.Zips;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages as a client without JavaScript sees them: plain HTTP GETs, and the forms submitted as
 * {@code application/x-www-form-urlencoded} and {@code multipart/form-data}, with a cookie jar as any browser has;
 * the installers page's own check commands run on what it links to.
 */
class PagesWithoutJavaScriptIT {
    private static final String CONTEXT = "/custom_install";

    @TempDir
    static Path work;
    static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.start(work.resolve("data"), TestBases.shared(), CONTEXT, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            assertEquals(ServiceProcess.SIGTERM_EXIT, service.stop(), service.output());
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> getBytes(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> post(HttpClient client, String url, FormPost form)
            throws IOException, InterruptedException {
        return client.send(form.post(HttpRequest.newBuilder(URI.create(url))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> postBytes(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(FormPost.urlEncoded().post(HttpRequest.newBuilder(URI.create(url))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String location(HttpResponse<?> response) {
        assertEquals(303, response.statusCode(), () -> "a build answers See Other: " + response.body());
        return response.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void theBuilderFormWorksAsUrlEncodedPostsAndTheKeysAreOfferedOnce() throws Exception {
        HttpClient client = client();
        HttpResponse<String> empty = get(client, service.base() + "/");
        assertEquals(200, empty.statusCode());
        assertTrue(empty.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        Document page = Jsoup.parse(empty.body());
        Element form = page.getElementById("builder");
        assertEquals(service.base() + "/", form.attr("action"));
        assertTrue(form.select("button").stream().allMatch(button -> button.attr("type").equals("submit")),
                "every action is a submit button: nothing needs a script");

        SeattlePublicKey alice = PublicKeyReader.readFile(TestBases.exampleKeys().resolve("alice.publickey"), "alice");
        HttpResponse<String> added = post(client, service.base() + "/", FormPost.urlEncoded()
                .field("user1.name", "alice").field("user1.key", "upload").field("user1.carried", alice.toText())
                .field("vessel1.percent", "60").field("vessel1.owner", "1").field("action", "addUser"));
        assertEquals(200, added.statusCode());
        Document twoRows = Jsoup.parse(added.body());
        assertEquals("alice", twoRows.getElementById("user1.name").val());
        assertEquals("", twoRows.getElementById("user2.name").val());
        assertEquals(alice.toText(), twoRows.selectFirst("input[name=user1.carried]").val());

        HttpResponse<String> built = post(client, service.base() + "/", FormPost.urlEncoded()
                .field("user1.name", "alice").field("user1.key", "upload").field("user1.carried", alice.toText())
                .field("user2.name", "dave99").field("user2.key", "generate")
                .field("vessel1.percent", "60").field("vessel1.owner", "1").field("vessel1.user", "2")
                .field("vessel2.percent", "20").field("vessel2.owner", "2").field("action", "build"));
        String keysUrl = location(built);
        String buildId = keysUrl.replaceAll(".*/([0-9a-f]{40})/keys/$", "$1");
        assertEquals(service.base() + "/" + buildId + "/keys/", keysUrl);
        String cookie = built.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.matches("seattle_keys=[0-9a-f]{32}; Path=" + CONTEXT + "/" + buildId + "/; .*"), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Max-Age=900"),
                cookie);

        Document keys = Jsoup.parse(get(client, keysUrl).body());
        assertEquals(keysUrl + "private_keys.zip", keys.getElementById("private-keys").attr("action"));
        HttpClient stranger = client();
        assertTrue(get(stranger, keysUrl).body().contains("No generated private keys wait here"),
                "another browser, without the cookie, finds nothing");
        assertEquals(410, postBytes(stranger, keysUrl + "private_keys.zip").statusCode());

        HttpResponse<byte[]> zip = postBytes(client, keysUrl + "private_keys.zip");
        assertEquals(200, zip.statusCode());
        assertEquals("attachment; filename=\"private_keys.zip\"", zip.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("no-store", zip.headers().firstValue("Cache-Control").orElseThrow());
        Map<String, String> entries = Zips.textEntries(zip.body());
        SeattlePrivateKey dave = SeattlePrivateKey.parse(entries.get("dave99.privatekey"));
        assertEquals(dave.publicKey().toText(), entries.get("dave99.publickey"));
        assertEquals(410, postBytes(client, keysUrl + "private_keys.zip").statusCode(), "offered once");
        assertTrue(get(client, keysUrl).body().contains("private_keys.zip was downloaded"));
        assertEquals(Map.of("alice.publickey", alice.toText(), "dave99.publickey", dave.publicKey().toText()),
                Zips.textEntries(getBytes(client, keysUrl + "public_keys.zip").body()));

        Document installers = Jsoup.parse(get(client, service.base() + "/" + buildId + "/").body());
        String vessels = installers.selectFirst("table").text();
        assertTrue(vessels.contains("alice " + alice.fingerprint()) && vessels.contains("dave99 "
                + dave.publicKey().fingerprint()), "this browser made the build: its users are named\n" + vessels);
    }

    @Test
    void multipartUploadsBuildAndTheInstallersPageChecksOut() throws Exception {
        HttpClient client = client();
        byte[] pem = Files.readAllBytes(TestBases.exampleKeys().resolve("alice-lab.pub.pem"));
        HttpResponse<String> built = post(client, service.base() + "/", FormPost.multipart()
                .field("user1.name", "lab_1").field("user1.key", "upload").file("user1.file", "alice-lab.pub.pem", pem)
                .field("user2.name", "spare").field("user2.key", "upload").file("user2.file", "", new byte[0])
                .field("vessel1.percent", "80").field("vessel1.owner", "1").field("vessel1.user", "2")
                .field("action", "build"));
        assertEquals(422, built.statusCode(), "user 2 chose no file");
        Document refused = Jsoup.parse(built.body());
        assertEquals("User 2's public key: choose a key file (Seattle key text 'e n' or PEM), or choose to have a key"
                + " pair generated.", refused.getElementById("user2.file").parent().selectFirst(".error").text());
        SeattlePublicKey lab = PublicKeyReader.readText(new String(pem, StandardCharsets.US_ASCII), "lab");
        assertEquals(lab.toText(), refused.selectFirst("input[name=user1.carried]").val(), "the upload is kept");

        String installersUrl = location(post(client, service.base() + "/", FormPost.multipart()
                .field("user1.name", "lab_1").field("user1.key", "upload").file("user1.file", "alice-lab.pub.pem", pem)
                .field("vessel1.percent", "80").field("vessel1.owner", "1").field("action", "build")));
        assertTrue(installersUrl.matches(service.base() + "/[0-9a-f]{40}/"), "every key given: no keys page");
        checkInstallersPage(client, installersUrl, lab);
    }

    @Test
    void theFastlaneTakesOneKeyFile() throws Exception {
        HttpClient client = client();
        assertEquals(200, get(client, service.base() + "/fastlane/").statusCode());
        HttpResponse<String> none = post(client, service.base() + "/fastlane/", FormPost.multipart()
                .file("key", "", new byte[0]).field("action", "build"));
        assertEquals(422, none.statusCode());
        assertTrue(Jsoup.parse(none.body()).getElementById("key").parent().nextElementSibling().text()
                .startsWith("Your public key: choose your public key file"), none.body());
        byte[] key = Files.readAllBytes(TestBases.exampleKeys().resolve("bob-student.publickey"));
        String url = location(post(client, service.base() + "/fastlane/", FormPost.multipart()
                .file("key", "bob-student.publickey", key).field("action", "build")));
        assertTrue(url.matches(service.base() + "/[0-9a-f]{40}/\\?fastlane"), url);
        SeattlePublicKey bob = SeattlePublicKey.parse(new String(key, StandardCharsets.US_ASCII));
        String page = Jsoup.parse(get(client, url).body()).text();
        assertTrue(page.contains("1 80% " + bob.fingerprint()), page);
        assertTrue(page.contains("Built by the fastlane"), page);
        assertEquals(url, location(post(client, service.base() + "/fastlane/", FormPost.multipart()
                .file("key", "bob-student.publickey", key))), "the same key again is the same build");
    }

    @Test
    void unknownBuildsAndOldKeysAreNotFoundAndInputIsEscaped() throws Exception {
        HttpClient client = client();
        assertEquals(404, get(client, service.base() + "/" + "0".repeat(40) + "/").statusCode());
        assertEquals(404, get(client, service.base() + "/not-a-build/").statusCode());
        assertEquals(404, get(client, service.base() + "/" + "0".repeat(40) + "/keys/").statusCode());
        assertEquals(410, getBytes(client, service.base() + "/" + "0".repeat(40) + "/keys/public_keys.zip").statusCode());
        HttpResponse<String> hostile = post(client, service.base() + "/", FormPost.urlEncoded()
                .field("user1.name", "<script>alert(1)</script>").field("vessel1.percent", "80")
                .field("vessel1.owner", "1").field("action", "build"));
        assertEquals(422, hostile.statusCode());
        assertFalse(hostile.body().contains("<script>alert(1)</script>"));
        assertEquals("<script>alert(1)</script>", Jsoup.parse(hostile.body()).getElementById("user1.name").val());
        assertEquals(415, client.send(HttpRequest.newBuilder(URI.create(service.base() + "/"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "a form is url-encoded or multipart");
    }

    @Test
    void theTemplateAndJobFormsWorkWithoutScriptsAndRefuseWhatTheyCannotRead() throws Exception {
        HttpClient client = client();
        String lab = "Percent 50\nOwner {donor}\nUser {lab}\nPercent 50\nOwner {operator}\n";
        HttpResponse<String> saved = post(client, service.base() + "/templates/", FormPost.urlEncoded()
                .field("name", "nojs").field("text", lab.replace("\n", "\r\n")));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(service.base() + "/templates/?notice=saved", saved.headers().firstValue("Location").orElseThrow());
        assertTrue(Jsoup.parse(get(client, service.base() + "/templates/").body()).text().contains("nojs"));

        HttpResponse<String> broken = post(client, service.base() + "/templates/", FormPost.urlEncoded()
                .field("name", "broken").field("text", "Percent 55\nOwner {Donor}\n"));
        assertEquals(422, broken.statusCode());
        assertTrue(Jsoup.parse(broken.body()).text().contains("broken line 1:"), broken.body());
        // The refusal comes before the body is read. A client that asks first (Expect: 100-continue, as curl does
        // for large bodies) does not send it; one that sends it all at once (a browser) is told that the connection
        // closes after the answer, so that it does not send its next request on it.
        Path hugeForm = Files.write(work.resolve("huge-template.form"), FormPost.urlEncoded().field("name", "huge")
                .field("text", "Percent 80\n".repeat(25_000)).body());
        for (String expect : List.of("Expect: 100-continue", "Expect:")) {
            String hugeStatus = Tools.ok(work, "curl", "-sS", "-D", "huge-template.head", "-o", "huge-template.answer",
                    "-w", "%{http_code}", "-H", "Content-Type: application/x-www-form-urlencoded", "-H", expect,
                    "--data-binary", "@" + hugeForm, service.base() + "/templates/");
            String hugeAnswer = Files.readString(work.resolve("huge-template.answer"));
            assertEquals("413", hugeStatus, expect + ": " + hugeAnswer);
            assertTrue(hugeAnswer.contains("more than the"), hugeAnswer);
            String hugeHead = Files.readString(work.resolve("huge-template.head"));
            assertTrue(hugeHead.toLowerCase(java.util.Locale.ROOT).contains("connection: close"),
                    expect + ": the body was not read, so the connection is not kept for another request: " + hugeHead);
        }

        DonorTables tables = new DonorTables();
        String table = DonorTables.csv(tables.donors(2), "lab", tables.key());
        HttpResponse<String> pasted = post(client, service.base() + "/jobs/", FormPost.multipart()
                .field("template", "nojs").file("table", "", new byte[0]).field("tableText", table)
                .field("webhook", "").field("email", ""));
        assertEquals(303, pasted.statusCode(), pasted.body());
        assertTrue(pasted.headers().firstValue("Location").orElseThrow()
                .matches(java.util.regex.Pattern.quote(service.base()) + "/jobs/[0-9a-f]{40}/"), pasted.headers().map()
                .toString());
        HttpResponse<String> urlEncoded = post(client, service.base() + "/jobs/", FormPost.urlEncoded()
                .field("template", "nojs").field("tableText", table));
        assertEquals(303, urlEncoded.statusCode(), "a pasted table needs no multipart: " + urlEncoded.body());
        HttpResponse<String> nothing = post(client, service.base() + "/jobs/", FormPost.multipart()
                .field("template", "nojs").file("table", "", new byte[0]).field("tableText", ""));
        assertEquals(422, nothing.statusCode());
        assertTrue(nothing.body().contains("Choose a donor table file, or paste the table."), nothing.body());
        assertEquals(415, client.send(HttpRequest.newBuilder(URI.create(service.base() + "/jobs/"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(table)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "a form is url-encoded or multipart");
    }

    /** Downloads what the page links to and runs the page's own check commands on it. */
    private static void checkInstallersPage(HttpClient client, String url, SeattlePublicKey owner) throws Exception {
        HttpResponse<String> response = get(client, url + "?utm_source=mail");
        Document page = Jsoup.parse(response.body());
        assertEquals(url, page.getElementById("share").attr("href"), "the share link drops the query");
        Element svg = page.getElementById("qr");
        int size = Integer.parseInt(svg.attr("viewBox").split(" ")[2]);
        assertEquals(url, QrImages.decode(QrImages.render(svg.selectFirst("path").attr("d"), size, 4)));
        assertTrue(page.selectFirst("table").text().contains("1 80% " + owner.fingerprint()));

        Path dir = Files.createDirectories(work.resolve("checked-" + System.nanoTime()));
        Element keyLink = page.selectFirst("a[href$=operator.pub.pem]");
        Files.write(dir.resolve("operator.pub.pem"), getBytes(client, keyLink.attr("href")).body());
        String fingerprint = page.getElementById("operator-fingerprint").text();
        assertEquals("sha256:" + TestBases.operatorKey().fingerprint().hex(), fingerprint);
        String computed = Tools.ok(dir, "sh", "-c", "openssl pkey -pubin -in operator.pub.pem -outform DER | sha256sum");
        assertTrue(computed.startsWith(fingerprint.substring("sha256:".length())), "the page's command: " + computed);
        List<Element> rows = page.select("#installers tr[id^=installer-]");
        assertEquals(3, rows.size());
        for (Element row : rows) {
            Element link = row.selectFirst("a.installer");
            String name = link.text();
            byte[] installer = getBytes(client, link.attr("href")).body();
            Files.write(dir.resolve(name), installer);
            Files.write(dir.resolve(name + ".sig"), getBytes(client, row.selectFirst("a.signature").attr("href")).body());
            Files.write(dir.resolve(name + ".sha256"), getBytes(client, url + "installers/"
                    + row.id().substring("installer-".length()) + "/" + name + ".sha256").body());
            assertEquals(row.selectFirst("td[data-bytes]").attr("data-bytes"), String.valueOf(installer.length));
            assertEquals(row.selectFirst(".sha256").text(), PagesBrowserIT.sha256(installer));
        }
        List<String> ran = new java.util.ArrayList<>();
        for (Element pre : page.select("pre")) {
            for (String line : pre.wholeText().split("\n")) {
                if (line.startsWith("openssl dgst")) {
                    assertEquals("Verified OK", Tools.ok(dir, "sh", "-c", line).strip(), line);
                    ran.add(line);
                } else if (line.startsWith("sha256sum") || line.startsWith("shasum")) {
                    assertTrue(Tools.ok(dir, "sh", "-c", line).strip().endsWith(": OK"), line);
                    ran.add(line);
                }
            }
        }
        assertEquals(5, ran.size(), "three signatures and the two checksum commands for Linux and macOS: " + ran);
    }
}
