package io.github.seattleinstaller.service.store;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.clearinghouse.BuildId;
import io.github.seattleinstaller.service.clearinghouse.ClearinghousePlatform;
import io.github.seattleinstaller.service.jobs.DonorBuildIds;
import io.github.seattleinstaller.service.jobs.InstallerSummary;
import io.github.seattleinstaller.service.jobs.Job;
import io.github.seattleinstaller.service.jobs.JobEvent;
import io.github.seattleinstaller.service.jobs.JobId;
import io.github.seattleinstaller.service.jobs.JobInput;
import io.github.seattleinstaller.service.jobs.JobState;
import io.github.seattleinstaller.service.jobs.JobStep;
import io.github.seattleinstaller.service.jobs.NoticeTargets;
import io.github.seattleinstaller.service.testing.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same migrations and the same SQL on both engines the service supports: H2 (the embedded default) and a real
 * PostgreSQL server. Jobs' state changes are conditional, and a donor's step is recorded once, with its build, in
 * one transaction.
 */
class DatabaseEnginesTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123Z");
    private static final String BASE_SET = "b".repeat(64);

    @TempDir
    Path data;

    private final SecureRandom random = new SecureRandom();

    private String url(String engine) {
        return engine.equals("h2") ? ServiceDatabase.h2Url(data) : POSTGRES.createDatabase();
    }

    private static ServiceDatabase open(String url) throws Exception {
        return url.startsWith("jdbc:h2:") ? ServiceDatabase.open(url, "sa", "", 4)
                : ServiceDatabase.open(url, PostgresServer.USER, "", 4);
    }

    private JobInput input() {
        return new JobInput("clearinghouse", "Percent 80\nOwner {donor}\nPercent 20\nOwner {operator}\n", "lab.csv",
                "name,donor\nalice,3 33\n".getBytes(StandardCharsets.UTF_8),
                Map.of("acceptdonations", new SeattlePublicKey(BigInteger.valueOf(3), BigInteger.valueOf(35))),
                new NoticeTargets(Optional.of(URI.create("https://hooks.example.org/seattle")),
                        Optional.of("ops@example.org")));
    }

    private JobStore.NewStep step(int index, BuildId id) {
        StoredBuild build = new StoredBuild(id, NOW, NOW.truncatedTo(ChronoUnit.SECONDS), Optional.empty(),
                Optional.empty(), "Percent 100\nOwner 3 33\n", new byte[] {1, 2, 3}, "f".repeat(64), BASE_SET);
        return new JobStore.NewStep(index, "donor" + index, Optional.of(build),
                List.of(new InstallerSummary(ClearinghousePlatform.LINUX, 1234, "a".repeat(64)),
                        new InstallerSummary(ClearinghousePlatform.WINDOWS, 5678, "c".repeat(64))), Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void buildsAndFactsRoundTrip(String engine) throws Exception {
        String url = url(engine);
        try (ServiceDatabase database = open(url); BuildStore store = new BuildStore(database)) {
            StoredBuild build = new StoredBuild(BuildId.random(random), NOW, NOW.truncatedTo(ChronoUnit.SECONDS),
                    Optional.of(NOW.plusSeconds(60)), Optional.of("d".repeat(64)), "Percent 100\nOwner 3 33\n",
                    new byte[] {4, 5}, "f".repeat(64), BASE_SET);
            assertEquals(build.id(), store.insertOrFind(build, NOW).id());
            StoredBuild again = new StoredBuild(BuildId.random(random), NOW, NOW, Optional.empty(),
                    Optional.of("d".repeat(64)), "Percent 100\nOwner 3 33\n", new byte[] {4, 5}, "f".repeat(64), BASE_SET);
            assertEquals(build.id(), store.insertOrFind(again, NOW).id(), "the same request finds the same build");
            store.saveFacts(build.id(), BASE_SET, Platform.LINUX, new InstallerFacts(9, "e".repeat(64), new byte[] {7}));
            store.saveFacts(build.id(), BASE_SET, Platform.LINUX, new InstallerFacts(9, "e".repeat(64), new byte[] {7}));
            assertArrayEquals(new byte[] {7}, store.facts(build.id(), BASE_SET, Platform.LINUX).orElseThrow().signature());
            StoredBuild found = store.find(build.id(), NOW).orElseThrow();
            assertEquals(build.entryTime(), found.entryTime());
            assertEquals(build.baseSetId(), found.baseSetId());
            assertEquals(0, store.deleteExpired(NOW));
            assertEquals(1, store.deleteExpired(NOW.plusSeconds(61)));
            store.insertOrFind(again, NOW);
        }
        try (ServiceDatabase reopened = open(url); BuildStore store = new BuildStore(reopened)) {
            assertEquals(1, store.count(), "the migrations run again without harm, and the data stays");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aJobIsClaimedRecordedAndEndedOnce(String engine) throws Exception {
        try (ServiceDatabase database = open(url(engine))) {
            JobStore jobs = new JobStore(database);
            JobId id = JobId.random(random);
            String seed = DonorBuildIds.newSeed(random);
            jobs.insert(id, NOW, input(), 3, Optional.empty(), seed);
            Job queued = jobs.find(id).orElseThrow();
            assertEquals(JobState.QUEUED, queued.state());
            assertEquals(3, queued.total());
            JobStore.StoredInput stored = jobs.input(id).orElseThrow();
            assertEquals(seed, stored.buildSeed());
            assertArrayEquals(input().table(), stored.input().table());
            assertEquals(input().boundKeys(), stored.input().boundKeys());
            assertEquals(input().notices(), stored.input().notices());
            assertEquals(List.of(id), jobs.queuedBefore(NOW.plusSeconds(1), 10));

            Job running = jobs.claim(id, "instance-a", NOW.plusSeconds(1)).orElseThrow();
            assertEquals(JobState.RUNNING, running.state());
            assertEquals(Optional.of("instance-a"), running.instance());
            assertEquals(1, running.runs());

            DonorBuildIds ids = new DonorBuildIds(seed);
            assertEquals(ids.of(0), new DonorBuildIds(seed).of(0), "a donor's build id is stable");
            assertFalse(jobs.recordSteps(id, List.of(step(0, ids.of(0)), step(1, ids.of(1))), NOW.plusSeconds(2)));
            assertEquals(2, jobs.find(id).orElseThrow().built());
            // A second run recording donor 1 again (and donor 2 with it) records neither.
            assertThrows(JobStore.StepConflictException.class,
                    () -> jobs.recordSteps(id, List.of(step(1, ids.of(1)), step(2, ids.of(2))), NOW.plusSeconds(3)));
            assertEquals(2, jobs.find(id).orElseThrow().built());
            assertEquals(List.of(0, 1), jobs.steps(id, -1, 10).stream().map(JobStep::index).toList());
            try (BuildStore builds = new BuildStore(database)) {
                assertTrue(builds.find(ids.of(1), NOW).isPresent());
                assertTrue(builds.find(ids.of(2), NOW).isEmpty(), "the refused chunk's builds are not recorded");
            }
            JobStep first = jobs.steps(id, -1, 1).get(0);
            assertEquals(Optional.of(ids.of(0)), first.build());
            assertEquals(2, first.installers().size());
            assertEquals(1234, first.installers().get(0).size());

            Job resumed = jobs.claim(id, "instance-b", NOW.plusSeconds(4)).orElseThrow();
            assertEquals(2, resumed.runs());
            assertEquals(2, resumed.runStartDone());
            assertEquals(2, jobs.processedDonors(id).cardinality());

            assertEquals(JobStore.Change.RUNNING, jobs.delete(id), "a running job is not deleted");
            assertEquals(JobStore.Change.STOPPING, jobs.cancel(id, NOW.plusSeconds(5)));
            assertTrue(jobs.recordSteps(id, List.of(step(2, ids.of(2))), NOW.plusSeconds(6)),
                    "recording says the job was asked to stop");
            assertTrue(jobs.finish(id, JobState.CANCELLED, Optional.empty(), NOW.plusSeconds(7), "Cancelled"));
            assertFalse(jobs.finish(id, JobState.DONE, Optional.empty(), NOW.plusSeconds(8), "Done"), "it ended once");
            assertTrue(jobs.claim(id, "instance-c", NOW.plusSeconds(9)).isEmpty(), "an ended job is not claimed");
            assertEquals(JobStore.Change.ENDED, jobs.cancel(id, NOW.plusSeconds(9)));
            List<String> log = jobs.events(id, 0, 100).stream().map(JobEvent::message).toList();
            assertTrue(log.get(0).startsWith("Submitted: 3 donors from lab.csv"), log.toString());
            assertEquals("Cancelled", log.get(log.size() - 1));

            JobId other = JobId.random(random);
            jobs.insert(other, NOW.plusSeconds(10), input(), 1, Optional.of(id), DonorBuildIds.newSeed(random));
            assertEquals(JobStore.Change.CANCELLED, jobs.cancel(other, NOW.plusSeconds(11)), "a queued job ends at once");
            assertEquals(List.of(other, id), jobs.list(Optional.empty(), 0, 10).stream().map(Job::id).toList(),
                    "newest first");
            assertEquals(2, jobs.count(Optional.of(JobState.CANCELLED)));
            assertEquals(0, jobs.count(Optional.of(JobState.RUNNING)));
            assertEquals(Optional.of(id), jobs.find(other).orElseThrow().retryOf());
            assertEquals(JobStore.Change.DELETED, jobs.delete(other));
            assertEquals(JobStore.Change.MISSING, jobs.delete(other));
            assertTrue(jobs.events(other, 0, 10).isEmpty(), "its log goes with it");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void templatesAreKeptByName(String engine) throws Exception {
        try (ServiceDatabase database = open(url(engine))) {
            TemplateStore templates = new TemplateStore(database);
            assertTrue(templates.save("lab", "Percent 100\nOwner {donor}\n", NOW));
            assertFalse(templates.save("lab", "Percent 100\nOwner {owner}\n", NOW.plusSeconds(1)));
            assertEquals("Percent 100\nOwner {owner}\n", templates.find("lab").orElseThrow().text());
            List<String> names = new ArrayList<>();
            templates.list().forEach(template -> names.add(template.name()));
            assertEquals(List.of("lab"), names);
            assertTrue(templates.delete("lab"));
            assertFalse(templates.delete("lab"));
        }
    }
}
