package io.github.seattleinstaller.service.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.service.jobs.JobService;
import io.github.seattleinstaller.service.testing.DonorTables;
import io.github.seattleinstaller.service.testing.JobsClient;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import io.github.seattleinstaller.service.testing.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jobs through the REST API of the real service (its own process, H2): a job builds every donor of its table on the
 * clearinghouse template, with the service's acceptdonations key; its manifest (JSON and CSV) names each donor's
 * build, URLs and SHA-256s, which the downloads match and the core's verifier accepts; its log has every donor's
 * line; its end is announced by a webhook (signed, checked by the receiver, retried after a failure) and an e-mail
 * (to GreenMail). A table with bad rows is refused with every problem and nothing is queued; templates are kept and
 * used; a running job is cancelled, retried and deleted; writes and the queue need the token.
 */
class JobsEndToEndIT {
    private static final String TOKEN = "jobs-test-token-0123456789abcdef";
    private static final byte[] WEBHOOK_SECRET = "webhook-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static ServiceProcess service;
    private static GreenMail mail;
    private static WebhookReceiver receiver;
    private static JobsClient client;
    private static String acceptdonationsKey;
    private static final DonorTables tables = new DonorTables();

    @BeforeAll
    static void start() throws Exception {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        receiver = new WebhookReceiver(WEBHOOK_SECRET, 1);
        acceptdonationsKey = tables.key().toText();
        Path keyFile = Files.writeString(work.resolve("acceptdonations.publickey"), acceptdonationsKey + "\n");
        Path tokenFile = Files.writeString(work.resolve("token"), TOKEN);
        service = ServiceProcess.startRaw(work.resolve("data"), "/custom_install",
                Map.of("SEATTLE_WEBHOOK_SECRET", new String(WEBHOOK_SECRET, StandardCharsets.UTF_8)), List.of(
                        "--bases", TestBases.shared2048().toString(),
                        "--operator-key", TestBases.operatorKey2048File().toString(),
                        "--context-path", "/custom_install", "--token-file", tokenFile.toString(),
                        "--rate-limit", "0", "--acceptdonations-key", keyFile.toString(),
                        "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(mail.getSmtp().getPort()),
                        "--smtp-from", "builder@example.org", "--notice-retry", "1s",
                        "--webhook-hosts", "127.0.0.1,*.example.org"));
        client = new JobsClient(service.base(), Optional.of(TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            assertEquals(ServiceProcess.SIGTERM_EXIT, service.stop(), service.output());
        }
        if (receiver != null) {
            receiver.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void aJobBuildsEveryDonorAndAnnouncesItsEnd() throws Exception {
        List<DonorTables.Donor> donors = tables.donors(5);
        String metrics = service.root() + "/metrics";
        double builtBefore = client.counter(metrics, "seattle_job_donors_total{outcome=\"built\"}");
        double doneBefore = client.counter(metrics, "seattle_jobs_ended_total{state=\"done\"}");
        double startedBefore = client.counter(metrics, "seattle_job_runs_total{kind=\"started\"}");
        JobsClient.Answer submitted = client.submit("clearinghouse", "lab-500.csv", DonorTables.csv(donors),
                Optional.of(receiver.url()), Optional.of("ops@example.org"));
        assertEquals(201, submitted.status(), submitted.body());
        String id = submitted.json().get("id").asText();
        assertTrue(id.matches("[0-9a-f]{40}"), id);
        JsonNode job = client.awaitState(id, "done", WAIT);
        assertEquals(5, job.at("/progress/built").asInt());
        assertEquals(0, job.at("/progress/failed").asInt());
        assertEquals(100, job.at("/progress/percent").asInt());
        assertEquals(5, client.counter(metrics, "seattle_job_donors_total{outcome=\"built\"}") - builtBefore);
        assertEquals(1, client.counter(metrics, "seattle_jobs_ended_total{state=\"done\"}") - doneBefore);
        assertEquals(1, client.counter(metrics, "seattle_job_runs_total{kind=\"started\"}") - startedBefore);

        JsonNode manifest = client.get("/jobs/" + id + "/manifest.json").json();
        assertEquals(5, manifest.get("donors").size());
        Set<String> builds = new HashSet<>();
        for (int i = 0; i < donors.size(); i++) {
            JsonNode entry = manifest.get("donors").get(i);
            assertEquals(donors.get(i).name(), entry.get("donor").asText(), "the table's order");
            assertTrue(builds.add(entry.get("build").asText()));
            assertEquals(Set.of("linux", "mac", "windows"), fieldNames(entry.get("installers")));
        }
        JsonNode second = manifest.get("donors").get(1);
        String linuxUrl = second.at("/installers/linux/url").asText();
        assertEquals(service.base() + "/" + second.get("build").asText() + "/installers/linux/", linuxUrl);
        Path installer = work.resolve("seattle_linux.tgz");
        Files.write(installer, client.download(linuxUrl));
        assertEquals(second.at("/installers/linux/sha256").asText(), sha256(Files.readAllBytes(installer)),
                "the download is what the manifest says");
        assertEquals(second.at("/installers/linux/size").asLong(), Files.size(installer));
        new InstallerVerifier().verify(installer,
                Optional.of(TestBases.loadKey(TestBases.operatorKey2048File()).fingerprint()));
        String vesselinfo = ClearinghouseEndToEndIT.vesselinfoOf(installer);
        assertEquals("Percent 80\nOwner " + donors.get(1).key().toText() + "\nUser " + acceptdonationsKey
                + "\nPercent 20\nOwner " + TestBases.loadKey(TestBases.operatorKey2048File()).seattlePublicKey().toText()
                + "\n", vesselinfo, "the clearinghouse template, filled for this donor");
        byte[] windows = client.download(second.at("/installers/windows/url").asText());
        assertEquals(second.at("/installers/windows/sha256").asText(), sha256(windows));

        List<String> csv = client.get("/jobs/" + id + "/manifest.csv").body().lines().toList();
        assertEquals("donor,build_id,base_set,linux_url,linux_sha256,linux_size,mac_url,mac_sha256,mac_size,"
                + "windows_url,windows_sha256,windows_size,error", csv.get(0));
        assertEquals(6, csv.size());
        List<String> row = List.of(csv.get(2).split(",", -1));
        assertEquals(List.of(donors.get(1).name(), second.get("build").asText(), second.get("baseSet").asText(),
                linuxUrl, second.at("/installers/linux/sha256").asText()), row.subList(0, 5));

        String log = client.get("/jobs/" + id + "/log.txt").body();
        for (JsonNode entry : manifest.get("donors")) {
            assertTrue(log.contains("donor " + entry.get("donor").asText() + ": built " + entry.get("build").asText()),
                    log);
        }
        assertTrue(log.contains("Done: 5 donors built"), log);

        // The webhook: the first delivery is answered 500, the retry 204; every one is signed.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (receiver.deliveries().stream().noneMatch(delivery -> delivery.answered() == 204)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
        assertEquals(List.of(500, 204), deliveries.stream().map(WebhookReceiver.Delivery::answered).toList());
        assertTrue(deliveries.stream().allMatch(WebhookReceiver.Delivery::signatureValid));
        JsonNode notice = JobsClient.JSON.readTree(deliveries.get(1).body());
        assertEquals("job.ended", notice.get("event").asText());
        assertEquals("job.ended", deliveries.get(1).event());
        assertEquals(id, notice.at("/job/id").asText());
        assertEquals("done", notice.at("/job/state").asText());
        assertEquals("http://127.0.0.1:" + service.port() + "/custom_install/jobs/" + id + "/",
                notice.at("/job/links/page").asText());

        assertTrue(mail.waitForIncomingEmail(WAIT.toMillis(), 1), "the e-mail notice arrives");
        MimeMessage message = mail.getReceivedMessages()[0];
        assertEquals("ops@example.org", message.getAllRecipients()[0].toString());
        assertTrue(message.getSubject().contains(" done: 5 of 5 donors built"), message.getSubject());
        assertTrue(GreenMailUtil.getBody(message).contains("/custom_install/jobs/" + id + "/"),
                GreenMailUtil.getBody(message));

        String after = awaitLog(id, "Notice sent by e-mail");
        assertTrue(after.contains("Notice by webhook failed on attempt 1 of 8 (IOException: " + receiver.url()
                + " answered HTTP 500); next attempt in 1.0 s"), after);
        assertTrue(after.contains("Notice sent by webhook to " + receiver.url() + " (HTTP 204)"), after);

        // The job is reached by its id alone; writes and the queue need the token.
        JobsClient anonymous = new JobsClient(service.base(), Optional.empty());
        assertEquals(200, anonymous.get("/api/jobs/" + id).status());
        assertEquals(401, anonymous.submit("clearinghouse", "x.csv", DonorTables.csv(donors), Optional.empty(),
                Optional.empty()).status());
        assertEquals(401, anonymous.get("/api/jobs").status());
        assertEquals(401, anonymous.post("/api/jobs/" + id + "/retry").status());
        assertEquals(404, anonymous.get("/api/jobs/" + "0".repeat(40)).status());
        JsonNode queue = client.get("/api/jobs?state=done").json();
        assertTrue(queue.get("total").asInt() >= 1);
        List<String> ids = new ArrayList<>();
        queue.get("jobs").forEach(each -> ids.add(each.get("id").asText()));
        assertTrue(ids.contains(id), ids.toString());
    }

    @Test
    void badRowsAreAllReportedAndNothingIsQueued() throws Exception {
        int before = client.get("/api/jobs").json().get("total").asInt();
        String table = "name,donor\nalice," + tables.key().toText() + "\n-bob," + tables.key().toText()
                + "\ncarol,65537\nAlice," + tables.key().toText() + "\n";
        JobsClient.Answer refused = client.submit("clearinghouse", "bad.csv", table, Optional.of("ftp://example.org/x"),
                Optional.empty());
        assertEquals(422, refused.status(), refused.body());
        List<String> messages = new ArrayList<>();
        refused.json().get("problems").forEach(problem -> messages.add(problem.get("message").asText()));
        assertEquals(4, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("webhook: "), messages.toString());
        assertTrue(messages.get(1).startsWith("bad.csv line 3: row 3, column 'name': found '-bob'"), messages.toString());
        assertTrue(messages.get(2).startsWith("bad.csv line 4: row 4, column 'donor':"), messages.toString());
        assertTrue(messages.get(3).startsWith("bad.csv line 5: row 5, column 'name': 'Alice' repeats 'alice' of row 2"),
                messages.toString());
        assertTrue(refused.json().get("error").asText().contains("nothing was queued"));
        assertEquals(before, client.get("/api/jobs").json().get("total").asInt(), "nothing was recorded");

        // A webhook to a host the service does not send to (--webhook-hosts): refused, nothing queued.
        JobsClient.Answer elsewhere = client.submit("clearinghouse", "lab.csv", DonorTables.csv(tables.donors(1)),
                Optional.of("http://169.254.169.254/latest/meta-data"), Optional.empty());
        assertEquals(422, elsewhere.status(), elsewhere.body());
        assertEquals("webhook: 'http://169.254.169.2...' names the host 169.254.169.254, and this"
                + " service sends webhooks only to 127.0.0.1, *.example.org (--webhook-hosts) (rule: "
                + JobService.WEBHOOK_RULE + ")", elsewhere.json().at("/problems/0/message").asText());
        assertEquals(before, client.get("/api/jobs").json().get("total").asInt(), "nothing was recorded");

        JsonNode unknown = client.submit("no-such", "x.csv", "name,donor\n", Optional.empty(), Optional.empty()).json();
        assertTrue(unknown.at("/problems/0/message").asText().contains("there is no template 'no-such'"),
                unknown.toPrettyString());
    }

    @Test
    void templatesAreKeptCheckedAndUsed() throws Exception {
        String lab = "Percent 50\nOwner {donor}\nUser {lab}\nPercent 50\nOwner {operator}\n";
        assertEquals(201, client.send("PUT", "/api/templates/lab", "text/plain", lab).status());
        assertEquals(200, client.send("PUT", "/api/templates/lab", "text/plain", lab).status(), "replaced");
        JsonNode bad = client.send("PUT", "/api/templates/broken", "text/plain",
                "Percent 55\nOwner {Donor}\nPercent 45\nOwner {operator}\n").json();
        List<String> problems = new ArrayList<>();
        bad.get("problems").forEach(problem -> problems.add(problem.get("message").asText()));
        assertTrue(problems.stream().anyMatch(text -> text.startsWith("broken line 1:")), problems.toString());
        assertTrue(problems.stream().anyMatch(text -> text.startsWith("broken line 2:")), problems.toString());
        assertEquals(422, client.send("PUT", "/api/templates/clearinghouse", "text/plain", lab).status());
        assertEquals(404, client.get("/api/templates/broken").status());
        assertEquals(lab, client.get("/api/templates/lab").body());

        JsonNode listed = client.get("/api/templates").json();
        assertEquals("clearinghouse", listed.get(0).get("name").asText());
        assertEquals("[\"name\",\"donor\",\"users_v1 (optional)\",\"users_v2 (optional)\"]",
                listed.get(0).get("columns").toString(), "acceptdonations is filled by the service");
        JsonNode labListed = listed.get(1);
        assertEquals("lab", labListed.get("name").asText());
        assertEquals("[\"name\",\"donor\",\"lab\",\"users_v1 (optional)\",\"users_v2 (optional)\"]",
                labListed.get("columns").toString());

        String labKey = tables.key().toText();
        List<DonorTables.Donor> donors = tables.donors(3);
        StringBuilder table = new StringBuilder("name,donor,lab\n");
        donors.forEach(donor -> table.append(donor.name()).append(',').append(donor.key().toText()).append(',')
                .append(labKey).append('\n'));
        JobsClient.Answer submitted = client.send("POST", "/api/jobs?template=lab&tableName="
                + URLEncoder.encode("lab donors.csv", StandardCharsets.UTF_8), "text/csv", table.toString());
        assertEquals(201, submitted.status(), submitted.body());
        String id = submitted.json().get("id").asText();
        client.awaitState(id, "done", WAIT);
        assertEquals(200, client.send("DELETE", "/api/templates/lab", null, null).status());
        assertEquals(409, client.send("DELETE", "/api/templates/clearinghouse", null, null).status());
        JsonNode manifest = client.get("/jobs/" + id + "/manifest.json").json();
        assertEquals("lab", manifest.get("template").asText(), "the job keeps its template");
        assertEquals("lab donors.csv", manifest.get("table").asText());
        Path installer = work.resolve("lab_linux.tgz");
        Files.write(installer, client.download(manifest.at("/donors/0/installers/linux/url").asText()));
        assertTrue(ClearinghouseEndToEndIT.vesselinfoOf(installer).startsWith("Percent 50\nOwner "
                + donors.get(0).key().toText() + "\nUser " + labKey + "\nPercent 50\n"));
    }

    @Test
    void aRunningJobIsCancelledRetriedAndDeleted() throws Exception {
        int total = 6000;
        String id = client.submitted("clearinghouse", DonorTables.csv(tables.donors(total)));
        client.await(id, job -> job.at("/progress/built").asInt() > 0, WAIT);
        assertEquals(409, client.send("DELETE", "/api/jobs/" + id, null, null).status(), "not while running");
        assertEquals(409, client.post("/api/jobs/" + id + "/retry").status(), "not before it ends");
        JobsClient.Answer cancel = client.post("/api/jobs/" + id + "/cancel");
        assertEquals(202, cancel.status(), cancel.body());
        int builtAtCancel = cancel.json().at("/progress/built").asInt();
        JsonNode cancelled = client.awaitState(id, "cancelled", WAIT);
        int built = cancelled.at("/progress/built").asInt();
        assertTrue(built < total, "it stopped: " + built);
        // Donors already signed when the cancel came are kept: at most the chunk being recorded and the one signed.
        assertTrue(built - builtAtCancel <= 2 * 64, built + " built, " + builtAtCancel + " when cancelled");
        String log = client.get("/jobs/" + id + "/log.txt").body();
        assertTrue(log.contains("Cancel requested: the job stops before its next donor"), log);
        assertTrue(log.contains("Cancelled after " + built + " of " + total + " donors (" + built + " built)"), log);
        JsonNode manifest = client.get("/jobs/" + id + "/manifest.json").json();
        assertEquals(built, manifest.get("donors").size());
        String someUrl = manifest.at("/donors/0/installers/linux/url").asText();
        assertEquals(409, client.post("/api/jobs/" + id + "/cancel").status(), "it has ended");

        JobsClient.Answer retry = client.post("/api/jobs/" + id + "/retry");
        assertEquals(201, retry.status(), retry.body());
        String retried = retry.json().get("id").asText();
        assertNotEquals(id, retried);
        assertEquals(id, retry.json().get("retryOf").asText());
        JsonNode done = client.awaitState(retried, "done", Duration.ofSeconds(120));
        assertEquals(total, done.at("/progress/built").asInt());
        JsonNode again = client.get("/jobs/" + retried + "/manifest.json").json();
        assertNotEquals(manifest.at("/donors/0/build").asText(), again.at("/donors/0/build").asText(),
                "a retry is a new job, with builds of its own");
        assertEquals(manifest.at("/donors/0/donor").asText(), again.at("/donors/0/donor").asText());

        assertEquals(200, client.send("DELETE", "/api/jobs/" + id, null, null).status());
        assertEquals(404, client.get("/api/jobs/" + id).status());
        assertEquals(404, client.get("/jobs/" + id + "/manifest.json").status());
        assertEquals(sha256(client.download(someUrl)).length(), 64, "its builds stay downloadable");
    }

    private static String awaitLog(String id, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String log = client.get("/jobs/" + id + "/log.txt").body();
        while (!log.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            log = client.get("/jobs/" + id + "/log.txt").body();
        }
        return log;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
