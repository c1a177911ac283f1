package io.github.seattleinstaller.service.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.seattleinstaller.builder.customize.BaseInstallerFinder;
import io.github.seattleinstaller.builder.customize.BaseSet;
import io.github.seattleinstaller.builder.customize.DonorInstaller;
import io.github.seattleinstaller.builder.customize.SignedVesselInfo;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.service.clearinghouse.ClearinghousePlatform;
import io.github.seattleinstaller.service.jobs.JobScheduler;
import io.github.seattleinstaller.service.testing.DonorTables;
import io.github.seattleinstaller.service.testing.JobsClient;
import io.github.seattleinstaller.service.testing.PostgresServer;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import io.github.seattleinstaller.service.testing.XmlRpcClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.github.seattleinstaller.service.testing.XmlRpcClient.key;
import static io.github.seattleinstaller.service.testing.XmlRpcClient.vessel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two service processes on one real PostgreSQL database: a build made through one downloads through the other, and
 * an instance killed (SIGKILL) in the middle of a 2,000-donor job has its job finished by the other within the
 * documented takeover time, with every donor built exactly once: the manifest is complete, no donor or build
 * appears twice, each step's build is recorded, every installer's SHA-256 in the manifest is what the core's
 * streaming customization makes from the recorded build, and a sample of downloads passes the core's verifier.
 */
class ScaleOutIT {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final int DONORS = 2000;
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    @TempDir
    Path work;

    @Test
    void anInstanceKilledDuringAJobHasItFinishedByAnother() throws Exception {
        String url = POSTGRES.createDatabase();
        Map<String, String> environment = Map.of("SEATTLE_DB_USER", PostgresServer.USER);
        Path bases = TestBases.shared2048();
        OperatorKey operator = TestBases.loadKey(TestBases.operatorKey2048File());
        Map<String, ServiceProcess> instances = new HashMap<>();
        try (ServiceProcess a = start("instance-a", url, bases, environment);
             ServiceProcess b = start("instance-b", url, bases, environment)) {
            instances.put("instance-a", a);
            instances.put("instance-b", b);
            DonorTables tables = new DonorTables();

            // Any instance serves any build: made through a, downloaded through b.
            XmlRpcClient xmlrpc = new XmlRpcClient(HttpClient.newHttpClient(), a.xmlrpcUrl(), Optional.empty());
            Map<String, Object> built = xmlrpc.buildInstallers(List.of(vessel(80, "owner", "user")),
                    Map.of("owner", key(tables.key().toText()), "user", key(tables.key().toText())));
            String buildId = (String) built.get("build_id");
            Path fromB = work.resolve("from-b.tgz");
            Files.write(fromB, new JobsClient(b.base(), Optional.empty()).download(b.base() + "/" + buildId
                    + "/installers/linux/"));
            new InstallerVerifier().verify(fromB, Optional.of(operator.fingerprint()));

            List<DonorTables.Donor> donors = tables.donors(DONORS);
            JobsClient client = new JobsClient(a.base(), Optional.empty());
            String id = client.submitted("clearinghouse", DonorTables.csv(donors, "acceptdonations", ACCEPT));
            JsonNode running = client.await(id, job -> job.get("state").asText().equals("running")
                    && job.at("/progress/built").asInt() >= 200, Duration.ofSeconds(60));
            int builtBeforeKill = running.at("/progress/built").asInt();
            assertTrue(builtBeforeKill < DONORS, "the job is still running: " + running);
            String victim = running.get("instance").asText();
            ServiceProcess killed = instances.get(victim);
            ServiceProcess survivor = killed == a ? b : a;
            String survivorName = killed == a ? "instance-b" : "instance-a";
            killed.kill();
            Instant killedAt = Instant.now();
            System.out.printf("Killed %s (SIGKILL) after %d of %d donors%n", victim, builtBeforeKill, DONORS);

            JobsClient other = new JobsClient(survivor.base(), Optional.empty());
            JsonNode resumed = other.await(id, job -> job.get("instance").asText().equals(survivorName),
                    JobScheduler.takeoverTime(HEARTBEAT).plusSeconds(10));
            Duration takeover = Duration.between(killedAt, Instant.now());
            assertTrue(takeover.compareTo(JobScheduler.takeoverTime(HEARTBEAT).plusSeconds(2)) <= 0,
                    "taken over in " + takeover + ", documented " + JobScheduler.takeoverTime(HEARTBEAT));
            System.out.printf("%s took the job over %d ms after the kill (documented: at most %s)%n", survivorName,
                    takeover.toMillis(), JobScheduler.takeoverTime(HEARTBEAT));
            JsonNode done = other.awaitState(id, "done", Duration.ofSeconds(90));
            assertEquals(DONORS, done.at("/progress/built").asInt());
            assertEquals(0, done.at("/progress/failed").asInt());
            assertTrue(done.get("runs").asInt() >= 2, done.toPrettyString());
            String log = other.get("/jobs/" + id + "/log.txt").body();
            assertTrue(log.contains("Started on instance " + victim), log.lines().limit(5).toList().toString());
            assertTrue(log.contains("Resumed on instance " + survivorName), log.lines().limit(5).toList().toString());

            JsonNode manifest = other.get("/jobs/" + id + "/manifest.json").json();
            assertEquals(DONORS, manifest.get("donors").size(), "the manifest is complete");
            Set<String> names = new HashSet<>();
            Set<String> builds = new HashSet<>();
            for (int i = 0; i < DONORS; i++) {
                JsonNode entry = manifest.get("donors").get(i);
                assertEquals(donors.get(i).name(), entry.get("donor").asText());
                assertTrue(names.add(entry.get("donor").asText()), "donor twice: " + entry);
                assertTrue(builds.add(entry.get("build").asText()), "build twice: " + entry);
            }

            try (Connection db = DriverManager.getConnection(url, PostgresServer.USER, "")) {
                assertEquals(DONORS, count(db, "SELECT COUNT(*) FROM job_steps WHERE job_id = ?", id));
                assertEquals(DONORS, count(db, "SELECT COUNT(*) FROM job_steps s JOIN builds b ON b.id = s.build_id"
                        + " WHERE s.job_id = ?", id), "every step's build is recorded");
                assertEquals(DONORS + 1, count(db, "SELECT COUNT(*) FROM builds"),
                        "no build was made twice or left without its step (plus the XML-RPC one)");
                verifyEveryChecksum(db, id, manifest, bases, operator);
            }

            // A sample downloads through the survivor, built before and after the kill.
            for (int index : List.of(0, builtBeforeKill / 2, DONORS - 1)) {
                JsonNode entry = manifest.get("donors").get(index);
                for (String platform : List.of("linux", "windows")) {
                    Path file = work.resolve(index + "-" + ClearinghousePlatform.ofApiName(platform).orElseThrow().fileName());
                    Files.write(file, other.download(entry.at("/installers/" + platform + "/url").asText()));
                    assertEquals(entry.at("/installers/" + platform + "/sha256").asText(),
                            JobsEndToEndIT.sha256(Files.readAllBytes(file)));
                    new InstallerVerifier().verify(file, Optional.of(operator.fingerprint()));
                }
                assertTrue(ClearinghouseEndToEndIT.vesselinfoOf(work.resolve(index + "-seattle_linux.tgz"))
                        .startsWith("Percent 80\nOwner " + donors.get(index).key().toText() + "\nUser " + ACCEPT.toText() + "\n"));
            }
            assertEquals(ServiceProcess.SIGTERM_EXIT, survivor.stop(), survivor.output());
        }
    }

    /** A fixed acceptdonations key given in the table's column (no --acceptdonations-key here). */
    private static final SeattlePublicKey ACCEPT = new DonorTables().key();

    private ServiceProcess start(String name, String url, Path bases, Map<String, String> environment)
            throws Exception {
        return ServiceProcess.startRaw(work.resolve(name), "/", environment, List.of(
                "--bases", bases.toString(), "--operator-key", TestBases.operatorKey2048File().toString(),
                "--db-url", url, "--instance-name", name, "--job-heartbeat", HEARTBEAT.toSeconds() + "s",
                "--rate-limit", "0", "--key-pool", "0"));
    }

    /** Every installer's SHA-256 and size in the manifest, made again by the core from the recorded build. */
    private static void verifyEveryChecksum(Connection db, String id, JsonNode manifest, Path bases, OperatorKey operator)
            throws Exception {
        Map<String, JsonNode> entries = new HashMap<>();
        manifest.get("donors").forEach(entry -> entries.put(entry.get("build").asText(), entry));
        int checked = 0;
        try (BaseSet set = BaseSet.open(BaseInstallerFinder.find(bases, BaseInstallerFinder.platformsIn(bases)),
                operator, Optional.of(operator.fingerprint()), ProgressLog.NONE);
             PreparedStatement select = db.prepareStatement("SELECT b.id, b.vesselinfo, b.vesselinfo_signature,"
                     + " b.entry_time, b.base_set_id FROM job_steps s JOIN builds b ON b.id = s.build_id WHERE s.job_id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    JsonNode entry = entries.get(row.getString(1).strip());
                    assertEquals(set.id(), row.getString(5).strip());
                    assertEquals(set.id(), entry.get("baseSet").asText());
                    SignedVesselInfo signed = SignedVesselInfo.restore(VesselInfo.parse("build", row.getString(2)),
                            Base64.getDecoder().decode(row.getString(3)), operator.publicKey());
                    for (ClearinghousePlatform platform : ClearinghousePlatform.values()) {
                        DonorInstaller installer = set.customize(platform.platform(), signed,
                                Instant.ofEpochSecond(row.getLong(4)));
                        assertEquals(entry.at("/installers/" + platform.apiName() + "/sha256").asText(),
                                installer.sha256Hex(), "donor " + entry.get("donor") + " " + platform.apiName());
                        assertEquals(entry.at("/installers/" + platform.apiName() + "/size").asLong(), installer.size());
                        checked++;
                    }
                }
            }
        }
        assertEquals(DONORS * 3, checked);
    }

    private static int count(Connection db, String sql, Object... parameters) throws Exception {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
