package io.github.seattleinstaller.service.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.service.testing.DonorTables;
import io.github.seattleinstaller.service.testing.JobsClient;
import io.github.seattleinstaller.service.testing.ServiceProcess;
import io.github.seattleinstaller.service.testing.TestBases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One instance on its own database (H2), as most operators run it, stopped and started again: a queued job is
 * cancelled over HTTP before it ever runs; a running job is stopped by SIGTERM (a graceful stop: the process ends
 * well before its deadline and the job's log says it will be resumed) and resumed by the next start on the same data
 * directory, which builds only the donors the first run left, so that the manifest is complete, with every donor
 * and build once, and its installers verify.
 */
class JobsRestartIT {
    private static final int DONORS = 6000;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void aQueuedJobIsCancelledAndARunningOneSurvivesARestart() throws Exception {
        DonorTables tables = new DonorTables();
        Path data = work.resolve("data");
        Path acceptFile = Files.writeString(work.resolve("acceptdonations.publickey"), tables.key().toText());
        List<DonorTables.Donor> donors = tables.donors(DONORS);
        String id;
        String queued;
        int builtAtStop;
        try (ServiceProcess first = start(data, "first", acceptFile)) {
            JobsClient client = new JobsClient(first.base(), Optional.empty());
            id = client.submitted("clearinghouse", DonorTables.csv(donors));
            client.await(id, job -> job.get("state").asText().equals("running"), WAIT);

            // One job at a time on this instance: the next one waits in the queue, and is cancelled there.
            queued = client.submitted("clearinghouse", DonorTables.csv(tables.donors(3)));
            assertEquals("queued", client.job(queued).get("state").asText());
            JobsClient.Answer cancel = client.post("/api/jobs/" + queued + "/cancel");
            assertEquals(202, cancel.status(), cancel.body());
            assertEquals("cancelled", cancel.json().get("state").asText(), "a queued job is cancelled at once");
            assertEquals(0, cancel.json().at("/progress/built").asInt());
            assertEquals(409, client.post("/api/jobs/" + queued + "/cancel").status(), "it has ended");
            assertEquals(1, client.counter(first.root() + "/metrics", "seattle_jobs_ended_total{state=\"cancelled\"}"));

            client.await(id, job -> job.at("/progress/built").asInt() >= 500, WAIT);
            Instant stopped = Instant.now();
            assertEquals(ServiceProcess.SIGTERM_EXIT, first.stop(), first.output());
            Duration stopping = Duration.between(stopped, Instant.now());
            System.out.printf("SIGTERM during the job: the instance stopped in %d ms%n", stopping.toMillis());
            assertTrue(stopping.compareTo(Duration.ofSeconds(30)) < 0, "a graceful stop, not the deadline: " + stopping);
        }

        try (ServiceProcess second = start(data, "second", acceptFile)) {
            JobsClient client = new JobsClient(second.base(), Optional.empty());
            String stopLog = client.get("/jobs/" + id + "/log.txt").body();
            assertTrue(stopLog.contains("Instance first is stopping: the job will be resumed"), tail(stopLog));
            JsonNode done = client.awaitState(id, "done", WAIT);
            assertEquals(DONORS, done.at("/progress/built").asInt());
            assertEquals(0, done.at("/progress/failed").asInt());
            assertEquals(2, done.get("runs").asInt(), done.toPrettyString());
            String log = client.get("/jobs/" + id + "/log.txt").body();
            String resumed = log.lines().filter(line -> line.contains("Resumed on instance second (run 2): "))
                    .findFirst().orElseThrow(() -> new AssertionError(tail(log)));
            builtAtStop = Integer.parseInt(resumed.replaceAll(".*\\(run 2\\): ([0-9]+) of " + DONORS + " donors.*", "$1"));
            assertTrue(builtAtStop >= 500 && builtAtStop < DONORS, resumed);
            String metrics = second.root() + "/metrics";
            assertEquals(DONORS - builtAtStop, client.counter(metrics, "seattle_job_donors_total{outcome=\"built\"}"),
                    "this instance built only what the first left");
            assertEquals(1, client.counter(metrics, "seattle_job_runs_total{kind=\"resumed\"}"));
            assertEquals(0, client.counter(metrics, "seattle_job_runs_total{kind=\"started\"}"));
            assertEquals(1, client.counter(metrics, "seattle_jobs_ended_total{state=\"done\"}"));
            assertEquals(DONORS, log.lines().filter(line -> line.contains(": built ")).count(),
                    "each donor's line once: " + builtAtStop + " before the stop, the rest after");

            JsonNode manifest = client.get("/jobs/" + id + "/manifest.json").json();
            assertEquals(DONORS, manifest.get("donors").size(), "the manifest is complete");
            Set<String> builds = new HashSet<>();
            for (int i = 0; i < DONORS; i++) {
                JsonNode entry = manifest.get("donors").get(i);
                assertEquals(donors.get(i).name(), entry.get("donor").asText(), "each donor once, in the table's order");
                assertTrue(builds.add(entry.get("build").asText()), "build twice: " + entry);
            }
            // Built by the first run and by the second: both download and verify.
            for (int index : List.of(0, builtAtStop - 1, builtAtStop, DONORS - 1)) {
                JsonNode entry = manifest.get("donors").get(index);
                Path file = work.resolve(index + "-seattle_linux.tgz");
                Files.write(file, client.download(entry.at("/installers/linux/url").asText()));
                assertEquals(entry.at("/installers/linux/sha256").asText(), JobsEndToEndIT.sha256(Files.readAllBytes(file)));
                new InstallerVerifier().verify(file,
                        Optional.of(TestBases.loadKey(TestBases.operatorKey2048File()).fingerprint()));
            }

            // The cancelled job stayed cancelled through the restart, and never ran.
            JsonNode cancelled = client.job(queued);
            assertEquals("cancelled", cancelled.get("state").asText());
            assertEquals(0, cancelled.at("/progress/built").asInt());
            String cancelledLog = client.get("/jobs/" + queued + "/log.txt").body();
            assertFalse(cancelledLog.contains("Started on instance"), cancelledLog);
            assertEquals(0, client.get("/jobs/" + queued + "/manifest.json").json().get("donors").size());
            assertEquals(ServiceProcess.SIGTERM_EXIT, second.stop(), second.output());
        }
    }

    private ServiceProcess start(Path data, String name, Path acceptFile) throws Exception {
        return ServiceProcess.startRaw(data, "/", Map.of(), List.of(
                "--bases", TestBases.shared2048().toString(),
                "--operator-key", TestBases.operatorKey2048File().toString(),
                "--acceptdonations-key", acceptFile.toString(), "--rate-limit", "0", "--key-pool", "0",
                "--instance-name", name, "--job-threads", "1"));
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 2000));
    }
}
