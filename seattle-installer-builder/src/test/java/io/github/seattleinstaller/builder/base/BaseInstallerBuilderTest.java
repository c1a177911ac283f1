package io.github.seattleinstaller.builder.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.layout.OperatorContact;
import io.github.seattleinstaller.builder.output.SignedArchive;
import io.github.seattleinstaller.builder.testing.Command;
import io.github.seattleinstaller.builder.testing.FakeRuntime;
import io.github.seattleinstaller.builder.testing.Readers;
import io.github.seattleinstaller.builder.testing.Readers.Listed;
import io.github.seattleinstaller.builder.testing.TestInstallers;
import io.github.seattleinstaller.builder.testing.TestKeys;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.builder.verify.InvalidInstallerException;
import io.github.seattleinstaller.runtime.filelist.FileListVerifier;
import io.github.seattleinstaller.runtime.filelist.SignedFileList;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.log.CollectingProgressLog;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.resources.Offcut;
import io.github.seattleinstaller.runtime.resources.VesselRestrictions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

class BaseInstallerBuilderTest {
    @TempDir
    Path temp;

    private Path work;
    private Path output;

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createDirectories(temp.resolve("work dir"));
        output = work.resolve("out put");
    }

    private BaseInstallerResult build(BaseInstallerRequest request) throws Exception {
        return new BaseInstallerBuilder(ProgressLog.NONE).build(request);
    }

    private BaseInstallerResult buildDefault() throws Exception {
        return build(TestInstallers.request(work, output).build());
    }

    @Test
    void gnuTarListsOneTopLevelDirectoryWithTheLayoutModesAndRootOwnership() throws Exception {
        BaseInstallerResult result = buildDefault();
        for (Platform platform : List.of(Platform.LINUX, Platform.MACOS)) {
            List<Listed> listed = Readers.gnuTarList(result.installers().get(platform).archive());
            assertEquals("seattle", Readers.singleTopLevel(listed));
            Readers.assertLayoutModes(listed);
            List<String> names = listed.stream().map(Listed::name).toList();
            assertEquals(List.of("seattle/", "seattle/README.txt", "seattle/install.cmd", "seattle/install.sh",
                    "seattle/lib/", "seattle/lib/" + FakeRuntime.DEPENDENCY_JAR, "seattle/lib/" + FakeRuntime.RUNTIME_JAR,
                    "seattle/metainfo", "seattle/metainfo.sig", "seattle/operator.pub.pem", "seattle/resources.offcut",
                    "seattle/vessel.restrictions"), names);
        }
    }

    @Test
    void pythonTarfileReadsEveryMemberWithFixedOwnersAndTime() throws Exception {
        Path archive = buildDefault().installers().get(Platform.LINUX).archive();
        List<String> members = Readers.pythonTarMembers(archive);
        assertEquals(12, members.size(), String.join("\n", members));
        long mtime = TestInstallers.TIMESTAMP.getEpochSecond();
        assertTrue(members.contains("seattle 0o755 0 0 '' '' " + mtime + " b'5'"), String.join("\n", members));
        assertTrue(members.contains("seattle/install.sh 0o755 0 0 '' '' " + mtime + " b'0'"), String.join("\n", members));
        assertTrue(members.contains("seattle/metainfo 0o644 0 0 '' '' " + mtime + " b'0'"), String.join("\n", members));
    }

    @Test
    void zipIsReadByZipinfoUnzipAndPythonWithUnixModes() throws Exception {
        Path archive = buildDefault().installers().get(Platform.WINDOWS).archive();
        List<Listed> listed = Readers.zipinfoList(archive);
        assertEquals("seattle", Readers.singleTopLevel(listed));
        Readers.assertLayoutModes(listed);
        assertEquals(12, listed.size());

        List<String> entries = Readers.pythonZipEntries(archive);
        assertTrue(entries.contains("seattle/install.sh 0o100755 (2026, 11, 1, 0, 0, 0) 3"), String.join("\n", entries));
        assertTrue(entries.contains("seattle/lib/ 0o40755 (2026, 11, 1, 0, 0, 0) 3"), String.join("\n", entries));

        String installCmd = Command.ok(work, "unzip", "-p", archive.toString(), "seattle/install.cmd");
        assertTrue(installCmd.contains("\r\n"));
        assertFalse(installCmd.replace("\r\n", "").contains("\n"), "install.cmd has a line without CR");
        String installSh = Command.ok(work, "unzip", "-p", archive.toString(), "seattle/install.sh");
        assertTrue(installSh.startsWith("#!/bin/sh\n"));
        assertFalse(installSh.contains("\r"), "install.sh has a CR");
    }

    @Test
    void everyArchiveHasAChecksumFileAndASignatureThatOpensslAccepts() throws Exception {
        BaseInstallerResult result = buildDefault();
        Path publicKey = TestInstallers.publicKeyPem(work.resolve("keys/operator.pub.pem"));
        assertEquals(Set.of(Platform.values()), result.installers().keySet());
        for (SignedArchive output : result.installers().values()) {
            Readers.assertOpensslVerifies(publicKey, output.signatureFile(), output.archive());
            Readers.assertSha256sumAccepts(output.checksumFile());
        }
        assertEquals(List.of("seattle-installer-0.1.0-linux.tar.gz", "seattle-installer-0.1.0-macos.tar.gz",
                "seattle-installer-0.1.0-windows.zip"), result.installers().values().stream()
                .map(files -> files.archive().getFileName().toString()).toList());
        assertEquals(KeyFingerprint.of(TestKeys.operator().getPublic()), result.operatorKey());
    }

    @Test
    void theExtractedInstallerCarriesASignedListOfEveryFile() throws Exception {
        BaseInstallerResult result = buildDefault();
        for (SignedArchive archive : result.installers().values()) {
            Path extracted = work.resolve("extracted " + archive.archive().getFileName());
            Readers.extract(archive.archive(), extracted);
            Path installer = extracted.resolve("seattle");
            Readers.assertOpensslVerifies(installer.resolve("operator.pub.pem"), installer.resolve("metainfo.sig"),
                    installer.resolve("metainfo"));
            FileListVerifier.VerifiedFileList verified = FileListVerifier.verifyDirectory(installer, name -> false,
                    Optional.of(result.operatorKey()));
            Set<String> listed = verified.fileList().files().keySet();
            Set<String> present;
            try (Stream<Path> files = Files.walk(installer)) {
                present = files.filter(Files::isRegularFile).map(file -> installer.relativize(file).toString())
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            present.removeAll(SignedFileList.UNSIGNED_FILES);
            assertEquals(present, listed);
            assertTrue(listed.contains("operator.pub.pem"));
            assertFalse(Files.exists(installer.resolve("vesselinfo")), "a base installer has no vesselinfo");
            assertEquals(Offcut.defaultText(), Files.readString(installer.resolve("resources.offcut")));
            assertEquals(VesselRestrictions.defaultText(), Files.readString(installer.resolve("vessel.restrictions")));
        }
    }

    @Test
    void theReadmeTellsDonorsHowToRunAndCheckTheInstaller() throws Exception {
        Path archive = buildDefault().installers().get(Platform.WINDOWS).archive();
        String readme = Command.ok(work, "unzip", "-p", archive.toString(), "seattle/README.txt");
        for (String expected : List.of("sh install.sh", "install.cmd", "--percent", "--dry-run", "--help",
                "Java 17", "https://adoptium.net", "vesseldict", "metainfo.sig",
                KeyFingerprint.of(TestKeys.operator().getPublic()).toString())) {
            assertTrue(readme.contains(expected), "README lacks " + expected + ":\n" + readme);
        }
    }

    /** Issue 8: the README names the operator; Notepad needs CR LF, so the zip's README has them and only it. */
    @Test
    void theReadmeNamesTheOperatorWithCrLfInTheZipAndLfInTheTarballs() throws Exception {
        OperatorContact operator = OperatorContact.of("Example Lab", "ops@example.org", "https://example.org/fp",
                part -> part);
        BaseInstallerResult result = build(TestInstallers.request(work, output).operator(operator).build());
        String zipped = Command.ok(work, "unzip", "-p", result.installers().get(Platform.WINDOWS).archive().toString(),
                "seattle/README.txt");
        String tarred = Command.ok(work, "tar", "-xzOf", result.installers().get(Platform.LINUX).archive().toString(),
                "seattle/README.txt");
        assertTrue(tarred.contains("Operator:  Example Lab\nContact:   ops@example.org\n"), tarred);
        assertFalse(tarred.contains("\r"), "LF only in the tar.gz");
        assertEquals(tarred.lines().count(), zipped.split("\r\n", -1).length - 1, "CR LF on every line of the zip's");
        assertEquals(tarred, zipped.replace("\r\n", "\n"));
        // Each archive's signed list covers its own README, and verifies.
        for (Platform platform : Platform.values()) {
            new InstallerVerifier().verify(result.installers().get(platform).archive(), Optional.empty());
        }
    }

    @Test
    void overridesOfOffcutAndRestrictionsAreShippedAsGiven() throws Exception {
        Path offcut = Files.writeString(work.resolve("my.offcut"), Offcut.defaultText().replace("cpu .002", "cpu .004"));
        Path restrictions = Files.writeString(work.resolve("my.restrictions"), "call open allow\n");
        BaseInstallerResult result = build(TestInstallers.request(work, output)
                .offcutFile(offcut).restrictionsFile(restrictions).platforms(List.of(Platform.LINUX)).build());
        Path extracted = work.resolve("x");
        Readers.extract(result.installers().get(Platform.LINUX).archive(), extracted);
        assertEquals(Files.readString(offcut), Files.readString(extracted.resolve("seattle/resources.offcut")));
        assertEquals("call open allow\n", Files.readString(extracted.resolve("seattle/vessel.restrictions")));
        assertEquals(Set.of(Platform.LINUX), result.installers().keySet());
    }

    @Test
    void aCustomTopLevelDirectoryAndExtraPayloadAreLaidOutAndSigned() throws Exception {
        Path payload = Files.write(work.resolve("blob.bin"), new byte[] {1, 2, 3});
        BaseInstallerResult result = build(TestInstallers.request(work, output).topLevelDirectory("node")
                .extraPayload(Map.of("data/blob.bin", payload)).build());
        for (Platform platform : List.of(Platform.LINUX, Platform.WINDOWS)) {
            Path archive = result.installers().get(platform).archive();
            List<Listed> listed = platform == Platform.LINUX ? Readers.gnuTarList(archive) : Readers.zipinfoList(archive);
            assertEquals("node", Readers.singleTopLevel(listed));
            Readers.assertLayoutModes(listed);
            assertTrue(listed.stream().anyMatch(entry -> entry.name().equals("node/data/")), listed.toString());
            Path extracted = work.resolve("x-" + platform);
            Readers.extract(archive, extracted);
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(extracted.resolve("node/data/blob.bin")));
            FileListVerifier.verifyDirectory(extracted.resolve("node"), name -> false, Optional.empty());
        }
    }

    @Test
    void twoBuildsWithTheSameTimestampAreByteIdenticalAndAnotherTimestampDiffers() throws Exception {
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        Map<Platform, SignedArchive> first = build(TestInstallers.copyOf(request).outputDirectory(work.resolve("one")).build())
                .installers();
        Map<Platform, SignedArchive> second = build(TestInstallers.copyOf(request).outputDirectory(work.resolve("two")).build())
                .installers();
        Map<Platform, SignedArchive> later = build(TestInstallers.copyOf(request).outputDirectory(work.resolve("three"))
                .outputTimestamp(Instant.parse("2027-01-02T03:04:06Z")).build()).installers();
        for (Platform platform : Platform.values()) {
            assertArrayEquals(Files.readAllBytes(first.get(platform).archive()),
                    Files.readAllBytes(second.get(platform).archive()), platform.toString());
            assertArrayEquals(Files.readAllBytes(first.get(platform).signatureFile()),
                    Files.readAllBytes(second.get(platform).signatureFile()), platform.toString());
            assertFalse(Arrays.equals(Files.readAllBytes(first.get(platform).archive()),
                    Files.readAllBytes(later.get(platform).archive())), platform.toString());
        }
    }

    @Test
    void archivesDoNotDependOnTheBuildersTimeZone() throws Exception {
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        TimeZone original = TimeZone.getDefault();
        Map<Platform, SignedArchive> auckland;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
            auckland = build(TestInstallers.copyOf(request).outputDirectory(work.resolve("auckland")).build()).installers();
        } finally {
            TimeZone.setDefault(original);
        }
        Map<Platform, SignedArchive> here = build(TestInstallers.copyOf(request).outputDirectory(work.resolve("here")).build())
                .installers();
        for (Platform platform : Platform.values()) {
            assertArrayEquals(Files.readAllBytes(here.get(platform).archive()),
                    Files.readAllBytes(auckland.get(platform).archive()), platform.toString());
        }
    }

    @Test
    void aSecondBuildOfUnchangedInputsIsUpToDateAndWritesNothing() throws Exception {
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        BaseInstallerResult first = build(request);
        assertFalse(first.upToDate());
        Path linux = first.installers().get(Platform.LINUX).archive();
        FileTime old = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
        Files.setLastModifiedTime(linux, old);

        CollectingProgressLog log = new CollectingProgressLog();
        BaseInstallerResult second = new BaseInstallerBuilder(log).build(request);
        assertTrue(second.upToDate());
        assertEquals(first.installers(), second.installers());
        assertEquals(old, Files.getLastModifiedTime(linux), "the archive was written again");
        assertTrue(log.lines().stream().anyMatch(line -> line.contains("are up to date")), log.lines().toString());
        assertTrue(log.lines().stream().noneMatch(line -> line.contains("Built ")), log.lines().toString());
    }

    @Test
    void touchingOrChangingAnInputRebuilds() throws Exception {
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        build(request);
        Files.setLastModifiedTime(request.runtimeJar(), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertFalse(build(request).upToDate(), "touching the runtime jar");
        assertTrue(build(request).upToDate());

        Path offcut = Files.writeString(work.resolve("my.offcut"), Offcut.defaultText());
        BaseInstallerRequest withOffcut = TestInstallers.copyOf(request).offcutFile(offcut).build();
        assertFalse(build(withOffcut).upToDate(), "a new input file");
        assertTrue(build(withOffcut).upToDate());
        byte[] before = Files.readAllBytes(output.resolve("seattle-installer-0.1.0-linux.tar.gz"));
        Files.writeString(offcut, Offcut.defaultText().replace("events 2", "events 3"));
        assertFalse(build(withOffcut).upToDate(), "changed content");
        assertFalse(Arrays.equals(before, Files.readAllBytes(output.resolve("seattle-installer-0.1.0-linux.tar.gz"))));
        assertFalse(build(TestInstallers.copyOf(withOffcut).outputTimestamp(Instant.parse("2026-11-02T00:00:00Z")).build()).upToDate(),
                "another timestamp");
    }

    /** Issue 8: the operator's details are in every README, so changing them rebuilds. */
    @Test
    void changingTheOperatorDetailsRebuilds() throws Exception {
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        build(request);
        OperatorContact lab = OperatorContact.of("Example Lab", null, null, part -> part);
        BaseInstallerRequest named = TestInstallers.copyOf(request).operator(lab).build();
        assertFalse(build(named).upToDate(), "an operator name added");
        assertTrue(build(named).upToDate());
        BaseInstallerRequest renamed = TestInstallers.copyOf(request)
                .operator(OperatorContact.of("Example Lab", null, "https://example.org/fp", part -> part)).build();
        assertFalse(build(renamed).upToDate(), "a fingerprint address added");
        assertFalse(build(request).upToDate(), "the details removed");
    }

    @Test
    void anOutputThatNoLongerMatchesItsChecksumIsRebuilt() throws Exception {
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        Path zip = build(request).installers().get(Platform.WINDOWS).archive();
        byte[] good = Files.readAllBytes(zip);
        Files.write(zip, "not the archive".getBytes(StandardCharsets.US_ASCII));
        CollectingProgressLog log = new CollectingProgressLog();
        assertFalse(new BaseInstallerBuilder(log).build(request).upToDate());
        assertTrue(log.warnings().toString().contains("seattle-installer-0.1.0-windows.zip is no longer what the last"
                + " build wrote"), log.lines().toString());
        assertArrayEquals(good, Files.readAllBytes(zip));
    }

    @Test
    void aChangedOutputOfTheSameSizeIsRebuilt() throws Exception {
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        Path signature = build(request).installers().get(Platform.LINUX).signatureFile();
        byte[] good = Files.readAllBytes(signature);
        byte[] forged = good.clone();
        forged[0] ^= 1;
        Files.write(signature, forged);
        CollectingProgressLog log = new CollectingProgressLog();
        assertFalse(new BaseInstallerBuilder(log).build(request).upToDate(), "its time changed, so it was hashed");
        assertTrue(log.warnings().toString().contains(".tar.gz.sig is no longer what the last build wrote"),
                log.lines().toString());
        assertArrayEquals(good, Files.readAllBytes(signature));
    }

    @Test
    void aRemovedOutputIsRebuilt() throws Exception {
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        SignedArchive macos = build(request).installers().get(Platform.MACOS);
        for (Path file : macos.files()) {
            Files.delete(file);
            CollectingProgressLog log = new CollectingProgressLog();
            assertFalse(new BaseInstallerBuilder(log).build(request).upToDate(), file.toString());
            assertTrue(log.lines().toString().contains("Rebuilding: " + file.getFileName() + " is missing"),
                    log.lines().toString());
            assertTrue(Files.isRegularFile(file));
        }
        Files.delete(output.resolve("seattle-installer-0.1.0" + BaseInstallerBuilder.FINGERPRINT_FILE_EXTENSION));
        assertFalse(build(request).upToDate(), "without its record");
    }

    @Test
    void aTouchedOutputIsHashedOnceThenItsNewTimeIsRecorded() throws Exception {
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        Path zip = build(request).installers().get(Platform.WINDOWS).archive();
        Path record = output.resolve("seattle-installer-0.1.0" + BaseInstallerBuilder.FINGERPRINT_FILE_EXTENSION);
        FileTime restored = FileTime.from(Instant.parse("2030-01-01T00:00:00Z"));
        Files.setLastModifiedTime(zip, restored);

        assertTrue(build(request).upToDate(), "its bytes are those recorded");
        assertEquals(restored, Files.getLastModifiedTime(zip), "not written again");
        assertTrue(Files.readString(record).contains(restored.toInstant() + " "), Files.readString(record));

        // Once the record has its size and time, the output is not read again: an edit that keeps both passes
        // here (the documented trade-off), while verification, which reads the bytes, still catches it.
        byte[] bytes = Files.readAllBytes(zip);
        bytes[bytes.length / 2] ^= 1;
        Files.write(zip, bytes);
        Files.setLastModifiedTime(zip, restored);
        assertTrue(build(request).upToDate());
        assertThrows(InvalidInstallerException.class, () -> new InstallerVerifier().verify(zip, Optional.empty()));
    }

    @Test
    void everyProblemWithTheRequestIsReportedAtOnceAndNothingIsWritten() throws Exception {
        Path badOffcut = Files.writeString(work.resolve("bad.offcut"), "resource cpu .002\nresource memry 5\n");
        Path missing = work.resolve("missing.bin");
        BaseInstallerRequest request = TestInstallers.request(work, output)
                .offcutFile(badOffcut)
                .extraPayload(Map.of("install.sh", missing, "bad name/x", missing))
                .baseFileName("-bad")
                .outputTimestamp(Instant.parse("1970-01-01T00:00:00Z"))
                .build();
        InvalidInputException invalid = assertThrows(InvalidInputException.class, () -> build(request));
        String message = invalid.getMessage();
        for (String expected : List.of(badOffcut + " line 2", "unknown resource 'memry'",
                "'install.sh' is the installer's own", "'bad name/x'", "'-bad'", "1970-01-01T00:00:00Z",
                missing.toString())) {
            assertTrue(message.contains(expected), "missing '" + expected + "' in:\n" + message);
        }
        assertFalse(message.contains("Exception"), message);
        assertFalse(Files.exists(output), "nothing is written for a refused request");
    }

    @Test
    void theRuntimeJarMustRunWithJavaJarAndItsClassPathMustBeGiven() throws Exception {
        FakeRuntime runtime = FakeRuntime.create(work.resolve("two deps"), List.of("a-1.jar", "b-2.jar"));
        BaseInstallerRequest missingDependency = TestInstallers.request(work, output)
                .runtimeJar(runtime.runtimeJar()).dependencyJars(List.of(runtime.dependencyJar())).build();
        InvalidInputException invalid = assertThrows(InvalidInputException.class, () -> build(missingDependency));
        assertTrue(invalid.getMessage().contains("Class-Path entry 'b-2.jar' is not among the dependency jars [a-1.jar]"),
                invalid.getMessage());
        assertTrue(invalid.getMessage().contains(runtime.runtimeJar().toString()), invalid.getMessage());

        Path noMain = FakeRuntime.jarWithoutMainClass(work.resolve("no-main.jar"));
        InvalidInputException notRunnable = assertThrows(InvalidInputException.class,
                () -> build(TestInstallers.request(work, output).runtimeJar(noMain).build()));
        assertTrue(notRunnable.getMessage().contains("no Main-Class"), notRunnable.getMessage());
        assertFalse(Files.exists(output));
    }

    @Test
    void aDependencyJarOutsideTheClassPathIsShippedWithAWarning() throws Exception {
        Path extra = Files.copy(FakeRuntime.create(work.resolve("other")).dependencyJar(), work.resolve("unused-1.jar"));
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        CollectingProgressLog log = new CollectingProgressLog();
        BaseInstallerResult result = new BaseInstallerBuilder(log).build(TestInstallers.copyOf(request)
                .dependencyJars(List.of(request.dependencyJars().get(0), extra)).build());
        assertTrue(log.warnings().toString().contains("unused-1.jar is not in the Class-Path"), log.lines().toString());
        assertTrue(Readers.gnuTarList(result.installers().get(Platform.LINUX).archive()).stream()
                .anyMatch(entry -> entry.name().equals("seattle/lib/unused-1.jar")));
    }

    @Test
    void aFailurePartWayLeavesNoOutputsAndNoTemporaryFiles() throws Exception {
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        int[] staged = {0};
        BaseInstallerBuilder failing = new BaseInstallerBuilder(ProgressLog.NONE, fileName -> {
            if (++staged[0] == 5) {
                throw new IOException("disk full (injected)");
            }
        });
        IOException failure = assertThrows(IOException.class, () -> failing.build(request));
        assertEquals("disk full (injected)", failure.getMessage());
        try (Stream<Path> left = Files.list(output)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aFailureWhenReplacingOldOutputsLeavesTheOldOnesAndNoTemporaryFiles() throws Exception {
        BaseInstallerRequest request = TestInstallers.request(work, output).build();
        build(request);
        Set<String> before = fileNames(output);
        BaseInstallerBuilder failing = new BaseInstallerBuilder(ProgressLog.NONE, fileName -> {
            if (fileName.endsWith(".zip")) {
                throw new IOException("injected");
            }
        });
        assertThrows(IOException.class, () -> failing.build(TestInstallers.copyOf(request)
                .outputTimestamp(Instant.parse("2026-12-01T00:00:00Z")).build()));
        assertEquals(before, fileNames(output));
        assertTrue(build(request).upToDate(), "the old outputs are intact");
    }

    private static Set<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
