package io.github.seattleinstaller.builder.customize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.donors.CheckedDonors;
import io.github.seattleinstaller.builder.donors.DonorsDirectory;
import io.github.seattleinstaller.builder.output.StagingCheckpoint;
import io.github.seattleinstaller.builder.testing.Command;
import io.github.seattleinstaller.builder.testing.TestInstallers;
import io.github.seattleinstaller.builder.testing.TestKeys;
import io.github.seattleinstaller.runtime.log.CollectingProgressLog;
import io.github.seattleinstaller.runtime.log.ProgressLog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** Donors streamed from files, the manifest, and the progress lines of a long customization. */
class CustomizeStreamingTest {
    private static final String SPLIT = "Percent 80\nOwner 3 33\nUser 5 55\nPercent 20\nOwner 7 77\n";

    @TempDir
    static Path shared;
    private static Map<Platform, Path> bases;

    @TempDir
    Path temp;

    @BeforeAll
    static void buildBases() throws Exception {
        bases = TestInstallers.buildBases(shared, shared.resolve("bases"));
    }

    private static CustomizeRequest.Builder request(Path output) {
        return TestInstallers.customizeRequest(bases, output);
    }

    private Path donorsDirectory(int count) throws IOException {
        Path directory = Files.createDirectories(temp.resolve("donors"));
        for (int index = 0; index < count; index++) {
            Files.writeString(directory.resolve(String.format("donor%03d.vesselinfo", index)),
                    SPLIT.replace("Owner 3 33", "Owner 3 " + (1000 + index)));
        }
        return directory;
    }

    @Test
    void donorsFromADirectoryAreStreamedAndTheManifestListsEveryInstallerAsPythonReadsIt() throws Exception {
        CheckedDonors donors = DonorsDirectory.check(donorsDirectory(25));
        Path output = temp.resolve("out");
        List<CustomizedInstaller> told = new ArrayList<>();
        CustomizeSummary summary = new InstallerCustomizer(ProgressLog.NONE).customize(
                request(output).donors(donors).manifestName("operator-1.0-installers").build(), told::add);
        assertEquals(25, summary.donors());
        assertEquals(75, summary.installers());
        assertEquals(75, told.size());
        assertEquals("donor000-linux", told.get(0).classifier());
        assertEquals(told.stream().mapToLong(CustomizedInstaller::size).sum(), summary.bytes());
        assertEquals(List.of(output.resolve("operator-1.0-installers.json"), output.resolve("operator-1.0-installers.csv")),
                summary.manifests());
        // python3 checks every record against the files: size, SHA-256, signature file, vesselinfo digest.
        String script = String.join("\n",
                "import csv, hashlib, json, os, sys, tarfile, zipfile",
                "d = sys.argv[1]",
                "m = json.load(open(os.path.join(d, 'operator-1.0-installers.json')))",
                "rows = list(csv.DictReader(open(os.path.join(d, 'operator-1.0-installers.csv'), newline='')))",
                "assert m['format'] == 1 and len(m['installers']) == len(rows) == 75",
                "for r, c in zip(m['installers'], rows):",
                "    p = os.path.join(d, r['file'])",
                "    data = open(p, 'rb').read()",
                "    assert len(data) == r['size'] == int(c['size']), r",
                "    assert hashlib.sha256(data).hexdigest() == r['sha256'] == c['sha256'], r",
                "    assert os.path.exists(os.path.join(d, r['signatureFile'])) and r['signatureFile'] == c['signature_file']",
                "    if p.endswith('.zip'):",
                "        v = zipfile.ZipFile(p).read('seattle/vesselinfo')",
                "    else:",
                "        v = tarfile.open(p).extractfile('seattle/vesselinfo').read()",
                "    assert hashlib.sha256(v).hexdigest() == r['vesselinfoSha256'] == c['vesselinfo_sha256'], r",
                "    assert r['operatorKey'] == c['operator_key'] == m['operatorKey'], r",
                "    assert (r['donor'], r['platform']) == (c['donor'], c['platform']), r",
                "print(len(rows))");
        assertEquals("75\n", Command.ok(temp, "python3", "-c", script, output.toString()));
        try (Stream<Path> left = Files.list(output)) {
            assertTrue(left.noneMatch(file -> file.getFileName().toString().startsWith(".")), "no staging left");
        }
    }

    @Test
    void aDonorFileChangedAfterTheCheckFailsTheCustomizationAndNothingIsWritten() throws Exception {
        Path directory = donorsDirectory(3);
        CheckedDonors donors = DonorsDirectory.check(directory);
        Files.writeString(directory.resolve("donor002.vesselinfo"), "Percent 100\nOwner 9 99\n");
        Path output = temp.resolve("out");
        IOException failed = assertThrows(IOException.class, () -> new InstallerCustomizer(ProgressLog.NONE)
                .customize(request(output).donors(donors).build(), installer -> { }));
        assertTrue(failed.getMessage().contains("donor002"), failed.getMessage());
        try (Stream<Path> left = Files.list(output)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aLongCustomizationLogsProgressAtEveryTenthAndEveryTwoSecondsThenOneSummary() throws Exception {
        CheckedDonors donors = DonorsDirectory.check(donorsDirectory(40));
        CollectingProgressLog log = new CollectingProgressLog();
        AtomicLong clock = new AtomicLong();
        // Every reading of the clock advances it by 0.7 s: lines every 2 s come between the tenths.
        InstallerCustomizer customizer = new InstallerCustomizer(log, StagingCheckpoint.NONE,
                () -> clock.addAndGet(700_000_000L));
        customizer.customize(request(temp.resolve("out")).donors(donors).build(), installer -> { });
        List<String> progress = log.lines().stream().filter(line -> line.contains("/40 donors")).toList();
        for (int tenth = 4; tenth < 40; tenth += 4) {
            String done = "Customized " + tenth + "/40 donors (" + 3 * tenth + " installers, ";
            assertTrue(progress.stream().anyMatch(line -> line.contains(done)), done + " in " + progress);
        }
        assertTrue(progress.size() > 9, "lines every two seconds as well: " + progress);
        assertTrue(progress.get(0).matches(".*donors/s, about \\d+ s left"), progress.get(0));
        String summary = log.lines().get(log.lines().size() - 1);
        assertTrue(summary.startsWith("INFO Customized 40 donors: 120 installers, "), summary);
        assertTrue(summary.contains("signed with operator key " + TestKeys.operatorKey().fingerprint()), summary);
        assertFalse(log.lines().stream().anyMatch(line -> line.contains("donor000-linux")), "no per-file lines");
    }
}
