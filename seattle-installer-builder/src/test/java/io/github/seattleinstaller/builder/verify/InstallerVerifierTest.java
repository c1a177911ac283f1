package io.github.seattleinstaller.builder.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.archive.ArchiveFormat;
import io.github.seattleinstaller.builder.layout.LauncherScripts;
import io.github.seattleinstaller.builder.testing.Command;
import io.github.seattleinstaller.builder.testing.FakeRuntime;
import io.github.seattleinstaller.builder.testing.Tamper;
import io.github.seattleinstaller.builder.testing.TestInstallers;
import io.github.seattleinstaller.builder.testing.TestKeys;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Archives crafted with Python's tarfile and zipfile, as others' tools would make them. */
class InstallerVerifierTest {
    private static final String TAR_SCENARIOS = "import gzip, io, sys, tarfile\n"
            + "src, dst, scenario = sys.argv[1], sys.argv[2], sys.argv[3]\n"
            + "def add(d, name, data=b'x', **fields):\n"
            + "    m = tarfile.TarInfo(name)\n"
            + "    m.size = len(data)\n"
            + "    for k, v in fields.items(): setattr(m, k, v)\n"
            + "    d.addfile(m, io.BytesIO(data) if m.isfile() else None)\n"
            + "with tarfile.open(src, 'r:gz') as s, tarfile.open(dst, 'w:gz', format=tarfile.USTAR_FORMAT) as d:\n"
            + "    members = [(m, s.extractfile(m).read() if m.isfile() else None) for m in s.getmembers()]\n"
            + "    for m, data in members:\n"
            + "        if scenario == 'mode' and m.name.endswith('/install.sh'): m.mode = 0o644\n"
            + "        d.addfile(m, io.BytesIO(data) if data is not None else None)\n"
            + "    if scenario == 'two-tops':\n"
            + "        for m, data in members:\n"
            + "            m.name = './' + m.name\n"
            + "            d.addfile(m, io.BytesIO(data) if data is not None else None)\n"
            + "    if scenario == 'absolute': add(d, '/etc/cron.d/evil')\n"
            + "    if scenario == 'dotdot': add(d, 'seattle/../../evil')\n"
            + "    if scenario == 'duplicate': add(d, 'seattle/README.txt', b'second readme')\n"
            + "    if scenario == 'symlink': add(d, 'seattle/lib/link.jar', b'', type=tarfile.SYMTYPE, linkname='/etc/passwd')\n"
            + "    if scenario == 'device': add(d, 'seattle/disk', b'', type=tarfile.BLKTYPE, devmajor=8)\n"
            + "    if scenario == 'outside': add(d, 'README')\n"
            + "    if scenario == 'empty-directory': add(d, 'seattle/vesselinfo/', b'', type=tarfile.DIRTYPE)\n"
            + "if scenario == 'hidden':\n"
            + "    tail = io.BytesIO()\n"
            + "    with tarfile.open(fileobj=tail, mode='w', format=tarfile.USTAR_FORMAT) as t: add(t, 'seattle/hidden.sh')\n"
            + "    open(dst, 'wb').write(open(src, 'rb').read() + gzip.compress(tail.getvalue()))\n";
    private static final String ZIP_SCENARIOS = "import sys, zipfile\n"
            + "src, dst, scenario = sys.argv[1], sys.argv[2], sys.argv[3]\n"
            + "with zipfile.ZipFile(src) as s, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as d:\n"
            + "    for i in s.infolist():\n"
            + "        data = s.read(i)\n"
            + "        if scenario == 'dos-mode' and i.filename.endswith('/install.sh'):\n"
            + "            i.create_system = 0\n"
            + "            i.external_attr = 0\n"
            + "        d.writestr(i, data)\n"
            + "    if scenario == 'backslash': d.writestr('seattle\\\\..\\\\evil.bat', b'x')\n";

    /** Byte-level edits of a zip that keep it readable by zip libraries while streaming extractors see more. */
    private static final String ZIP_BYTES = "import io, struct, sys, zipfile\n"
            + "src, dst, scenario = sys.argv[1], sys.argv[2], sys.argv[3]\n"
            + "data = bytearray(open(src, 'rb').read())\n"
            + "end = data.rfind(b'PK\\x05\\x06')\n"
            + "count, size, offset = struct.unpack('<HII', data[end + 10:end + 20])\n"
            + "if scenario == 'hidden-entry':\n"
            + "    extra = io.BytesIO()\n"
            + "    with zipfile.ZipFile(extra, 'w') as z: z.writestr('seattle/evil.sh', b'rm -rf ~\\n')\n"
            + "    local = extra.getvalue()[:extra.getvalue().find(b'PK\\x01\\x02')]\n"
            + "    data[offset:offset] = local\n"
            + "    struct.pack_into('<I', data, end + len(local) + 16, offset + len(local))\n"
            + "if scenario == 'renamed-local':\n"
            + "    name = b'seattle/README.txt'\n"
            + "    at = data.find(name)\n"
            + "    data[at:at + len(name)] = b'seattle/READMX.txt'\n"
            + "if scenario == 'prefix':\n"
            + "    prefix = b'PK\\x03\\x04' + b'bytes no record accounts for '[:37].ljust(37, b'.')\n"
            + "    at = offset\n"
            + "    for _ in range(count):\n"
            + "        local, = struct.unpack('<I', data[at + 42:at + 46])\n"
            + "        struct.pack_into('<I', data, at + 42, local + len(prefix))\n"
            + "        at += 46 + sum(struct.unpack('<HHH', data[at + 28:at + 34]))\n"
            + "    struct.pack_into('<I', data, end + 16, offset + len(prefix))\n"
            + "    data[0:0] = prefix\n"
            + "if scenario == 'comment':\n"
            + "    struct.pack_into('<H', data, end + 20, 5)\n"
            + "    data += b'hello'\n"
            + "open(dst, 'wb').write(data)\n";

    @TempDir
    static Path shared;
    private static Map<Platform, Path> bases;

    @TempDir
    Path temp;

    private final InstallerVerifier verifier = new InstallerVerifier();

    @BeforeAll
    static void buildBases() throws Exception {
        bases = TestInstallers.buildBases(shared, shared.resolve("bases"));
    }

    private Path craft(Platform platform, String scenario) throws Exception {
        Path crafted = Files.createDirectories(temp.resolve(scenario)).resolve(platform.fileName("crafted"));
        String script = platform == Platform.WINDOWS ? ZIP_SCENARIOS : TAR_SCENARIOS;
        Command.ok(temp, "python3", "-c", script, bases.get(platform).toString(), crafted.toString(), scenario);
        return crafted;
    }

    private Path editZip(String scenario) throws Exception {
        Path edited = Files.createDirectories(temp.resolve(scenario)).resolve(Platform.WINDOWS.fileName("edited"));
        Command.ok(temp, "python3", "-c", ZIP_BYTES, bases.get(Platform.WINDOWS).toString(), edited.toString(), scenario);
        return edited;
    }

    /** A copy of a base with a vesselinfo and, if given, a vesselinfo.sig, as customization adds them. */
    private Path customized(Platform platform, byte[] vesselinfo, byte[] signature) throws Exception {
        Path directory = Files.createDirectories(temp.resolve("customized"));
        Path withVesselinfo = Tamper.addEntry(bases.get(platform), directory.resolve("step-" + platform.fileName("x")),
                "seattle/vesselinfo", vesselinfo);
        Path result = directory.resolve(platform.fileName("seattle-installer-0.1.0-alice"));
        if (signature == null) {
            return Files.move(withVesselinfo, result);
        }
        Tamper.addEntry(withVesselinfo, result, "seattle/vesselinfo.sig", signature);
        Files.delete(withVesselinfo);
        return result;
    }

    private static byte[] signedByOperator(byte[] content) {
        return Sha256WithRsa.sign(content, TestKeys.operator().getPrivate());
    }

    private String problemsOf(Path archive) throws Exception {
        InstallerReport report = verifier.examine(archive, Optional.empty());
        assertFalse(report.isValid(), "expected problems with " + archive);
        String problems = String.join("\n", report.problems());
        assertFalse(problems.contains("Exception"), problems);
        return problems;
    }

    @Test
    void aBaseIsValidAndReportsWhatItIs() throws Exception {
        for (Platform platform : Platform.values()) {
            InstallerReport report = verifier.verify(bases.get(platform),
                    Optional.of(KeyFingerprint.of(TestKeys.operator().getPublic())));
            assertEquals(Optional.of(platform), report.platform());
            assertEquals(Optional.of(platform.format()), report.format());
            assertEquals(Optional.of("seattle"), report.topLevelDirectory());
            assertEquals(List.of("README.txt", "install.cmd", "install.sh", "lib/fake-dependency-1.0.jar",
                    "lib/seattle-installer-runtime-0.1.0.jar", "metainfo", "metainfo.sig", "operator.pub.pem",
                    "resources.offcut", "vessel.restrictions"), List.copyOf(report.files().keySet()));
            assertEquals(FileDigest.of(LauncherScripts.installSh(FakeRuntime.RUNTIME_JAR)),
                    report.files().get("install.sh"));
            assertEquals(Optional.of(KeyFingerprint.of(TestKeys.operator().getPublic())), report.operatorKey());
            assertFalse(report.hasVesselinfo());
            assertTrue(report.checksumFileChecked());
            assertTrue(report.signatureFileChecked());
            assertEquals(platform == Platform.WINDOWS ? OptionalLong.empty() : OptionalLong.of(1024),
                    report.tarBytesAfterLastEntry());
        }
    }

    @Test
    void theHistoricTwoTopLevelDirectoriesAreRefused() throws Exception {
        Path archive = craft(Platform.LINUX, "two-tops");
        String problems = problemsOf(archive);
        assertTrue(problems.contains("crafted-linux.tar.gz: it has 2 top-level directories (./seattle/, seattle/); "
                + "an installer has exactly one"), problems);
    }

    @Test
    void unsafePathsDuplicatesLinksDevicesAndStrayFilesAreRefusedNamingTheEntry() throws Exception {
        Map<String, String> expected = Map.of(
                "absolute", "entry '/etc/cron.d/evil': an absolute path",
                "dotdot", "entry 'seattle/../../evil': '..' leads outside the installer directory",
                "duplicate", "entry 'seattle/README.txt': it appears more than once",
                "symlink", "entry 'seattle/lib/link.jar': a symbolic link to '/etc/passwd'",
                "device", "entry 'seattle/disk': a device",
                "outside", "entry 'README': it lies outside the top-level directory",
                "empty-directory", "entry 'seattle/vesselinfo/': a directory without files",
                "mode", "entry 'seattle/install.sh': mode 0644, expected 0755");
        for (Map.Entry<String, String> scenario : expected.entrySet()) {
            String problems = problemsOf(craft(Platform.LINUX, scenario.getKey()));
            assertTrue(problems.contains("crafted-linux.tar.gz: " + scenario.getValue()),
                    scenario.getKey() + ":\n" + problems);
        }
    }

    @Test
    void zipEntriesWithBackslashesOrWithoutUnixModesAreRefused() throws Exception {
        String backslash = problemsOf(craft(Platform.WINDOWS, "backslash"));
        assertTrue(backslash.contains("entry 'seattle\\..\\evil.bat': a backslash in a name"), backslash);
        String dosMode = problemsOf(craft(Platform.WINDOWS, "dos-mode"));
        assertTrue(dosMode.contains("entry 'seattle/install.sh': it records no Unix permissions"), dosMode);
    }

    @Test
    void dataHiddenAfterTheEndOfArchiveIsRefused() throws Exception {
        Path hidden = craft(Platform.MACOS, "hidden");
        // GNU tar does not show the hidden entry: only this check does.
        assertFalse(Command.ok(temp, "tar", "-tzf", hidden.toString()).contains("hidden.sh"));
        String problems = problemsOf(hidden);
        assertTrue(problems.contains("the tar stream holds data after its end-of-archive marker"), problems);
    }

    @Test
    void anArchiveWhoseFormatContradictsItsNameOrThatIsNoArchiveIsRefused() throws Exception {
        Path misnamed = Files.copy(bases.get(Platform.LINUX), temp.resolve("x-windows.zip"));
        InstallerReport report = verifier.examine(misnamed, Optional.empty());
        assertEquals(Optional.of(ArchiveFormat.TAR_GZ), report.format());
        assertTrue(report.problems().contains("x-windows.zip: a windows installer is a zip, but this file is a tar.gz"),
                report.problems().toString());

        Path text = Files.writeString(temp.resolve("notes-linux.tar.gz"), "hello");
        assertEquals("notes-linux.tar.gz: it is neither a tar.gz nor a zip archive", problemsOf(text));
    }

    @Test
    void checksumAndSignatureFilesBesideTheArchiveAreChecked() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("sidecars"));
        Path archive = Files.copy(bases.get(Platform.WINDOWS), dir.resolve("seattle-installer-0.1.0-windows.zip"));
        Files.writeString(dir.resolve(archive.getFileName() + ".sha256"),
                "0".repeat(64) + "  " + archive.getFileName() + "\n");
        byte[] sha256 = HexFormat.of().parseHex(verifier.examine(archive, Optional.empty()).archiveSha256());
        Files.write(dir.resolve(archive.getFileName() + ".sig"), Sha256WithRsa.signDigest(sha256,
                TestKeys.other().getPrivate()));
        InvalidInstallerException invalid = assertThrows(InvalidInstallerException.class,
                () -> verifier.verify(archive, Optional.empty()));
        String message = invalid.getMessage();
        assertTrue(message.contains("seattle-installer-0.1.0-windows.zip.sha256: the archive's SHA-256 is"), message);
        assertTrue(message.contains("seattle-installer-0.1.0-windows.zip.sig: it is not a signature of "
                + "seattle-installer-0.1.0-windows.zip by the operator key"), message);
        assertEquals(2, invalid.problems().size(), message);
    }

    @Test
    void verifyThrowsWithEveryProblemWhenTheKeyIsNotTheExpectedOne() throws Exception {
        KeyFingerprint other = KeyFingerprint.of(TestKeys.other().getPublic());
        InvalidInstallerException invalid = assertThrows(InvalidInstallerException.class,
                () -> verifier.verify(bases.get(Platform.MACOS), Optional.of(other)));
        assertTrue(invalid.getMessage().startsWith("Installer " + bases.get(Platform.MACOS) + " failed verification:"));
        assertTrue(invalid.getMessage().contains("seattle-installer-0.1.0-macos.tar.gz: seattle/operator.pub.pem: "
                + "the operator key is"), invalid.getMessage());
        assertTrue(invalid.getMessage().contains("not the expected " + other), invalid.getMessage());
    }

    @Test
    void theVesselinfoOfAnInstallerIsExposedAsItsBytes() throws Exception {
        byte[] vesselinfo = "Percent 100\nOwner 3 33\n".getBytes(StandardCharsets.US_ASCII);
        Path withVesselinfo = customized(Platform.WINDOWS, vesselinfo, signedByOperator(vesselinfo));
        InstallerReport report = verifier.verify(withVesselinfo, Optional.empty());
        assertTrue(report.hasVesselinfo());
        assertEquals("Percent 100\nOwner 3 33\n", new String(report.vesselinfo().orElseThrow(), StandardCharsets.US_ASCII));
        assertEquals(report.files().size() - 4, report.signedFiles().size(), "metainfo, its .sig, vesselinfo, its .sig");
        assertFalse(report.signedFiles().containsKey("vesselinfo.sig"));
    }

    /** Issue 7 finding 1: an installer whose vesselinfo was swapped passed verify when no .sig lay beside it. */
    @Test
    void aCustomizedInstallerNeedsTheOperatorsSignatureOfItsVesselinfoWithOrWithoutASigBesideIt() throws Exception {
        byte[] vesselinfo = "Percent 100\nOwner 3 33\n".getBytes(StandardCharsets.US_ASCII);
        byte[] swapped = "Percent 100\nOwner 5 55\n".getBytes(StandardCharsets.US_ASCII);
        Optional<KeyFingerprint> operator = Optional.of(KeyFingerprint.of(TestKeys.operator().getPublic()));
        for (Platform platform : List.of(Platform.LINUX, Platform.WINDOWS)) {
            Path unsigned = customized(platform, swapped, null);
            assertFalse(Files.exists(unsigned.resolveSibling(unsigned.getFileName() + ".sig")));
            InstallerReport report = verifier.examine(unsigned, operator);
            assertEquals(List.of(unsigned.getFileName() + "!/seattle/vesselinfo.sig: missing, so vesselinfo (who"
                    + " receives the donation) is not signed by the operator and anyone may have written it"),
                    report.problems());

            Path resigned = customized(platform, swapped, signedByOperator(vesselinfo));
            assertEquals(List.of(resigned.getFileName() + "!/seattle/vesselinfo.sig: it is not the operator key's"
                    + " signature of vesselinfo: one of them was changed after the operator signed it"),
                    verifier.examine(resigned, operator).problems());

            Path byAnother = customized(platform, vesselinfo, Sha256WithRsa.sign(vesselinfo, TestKeys.other().getPrivate()));
            assertEquals(1, verifier.examine(byAnother, operator).problems().size());
            verifier.verify(customized(platform, vesselinfo, signedByOperator(vesselinfo)), operator);
        }
    }

    @Test
    void aVesselinfoSignatureWithoutVesselinfoIsAProblem() throws Exception {
        Path archive = Tamper.addEntry(bases.get(Platform.LINUX), temp.resolve("sig-only/x-linux.tar.gz"),
                "seattle/vesselinfo.sig", new byte[256]);
        assertEquals("x-linux.tar.gz: seattle/vesselinfo.sig: a signature of a vesselinfo that the installer does"
                + " not have", problemsOf(archive));
    }

    /** Issue 7 finding 9: the builder's verify applies the installer's size limit. */
    @Test
    void aVesselinfoOverTheInstallersLimitIsAProblem() throws Exception {
        byte[] huge = ("Percent 100\nOwner 3 33\n" + "#".repeat(VesselInfo.MAX_BYTES)).getBytes(StandardCharsets.US_ASCII);
        String problems = problemsOf(customized(Platform.LINUX, huge, signedByOperator(huge)));
        assertTrue(problems.contains("!/seattle/vesselinfo: found 1048599 bytes; ask your operator for the vesselinfo"
                + " of your split (rule: a vesselinfo is at most 1048576 bytes (1 MiB))"), problems);
    }

    /**
     * Issue 7 finding 6: the zip verifier read only the central directory, so a local entry it does not
     * list, or a local header naming another file, passed while a streaming extractor wrote the attacker's
     * file.
     */
    @Test
    void zipLocalHeadersAndTheCentralDirectoryMustAgreeWithNothingHiddenAround() throws Exception {
        Path hidden = editZip("hidden-entry");
        List<String> streamed = new java.util.ArrayList<>();
        try (var in = new org.apache.commons.compress.archivers.zip.ZipArchiveInputStream(Files.newInputStream(hidden))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                streamed.add(entry.getName());
            }
        }
        assertTrue(streamed.contains("seattle/evil.sh"), "a streaming extractor sees it: " + streamed);
        assertFalse(Command.ok(temp, "unzip", "-l", hidden.toString()).contains("evil.sh"), "unzip does not");
        String problems = problemsOf(hidden);
        assertTrue(problems.matches("(?s).*edited-windows.zip: \\d+ bytes lie between the last entry and the central"
                + " directory.*"), problems);

        String renamed = problemsOf(editZip("renamed-local"));
        assertTrue(renamed.contains("entry 'seattle/README.txt': its local header (at byte "), renamed);
        assertTrue(renamed.contains("says name 'seattle/READMX.txt' (central directory: 'seattle/README.txt'), unlike"
                + " the central directory"), renamed);

        String prefixed = problemsOf(editZip("prefix"));
        assertTrue(prefixed.contains(": its local header is at byte 41, but the previous entry ends at byte 0: bytes"
                + " hidden from zip libraries lie between them"), prefixed);

        String comment = problemsOf(editZip("comment"));
        assertTrue(comment.contains("edited-windows.zip: 5 bytes follow the central directory (a comment of 5 bytes"),
                comment);
    }

    /** Issue 7 finding 12: a truncated archive was "cannot be read as a tar.gz: null". */
    @Test
    void aTruncatedArchiveSaysSoAndWhatToDo() throws Exception {
        for (Platform platform : List.of(Platform.LINUX, Platform.WINDOWS)) {
            byte[] whole = Files.readAllBytes(bases.get(platform));
            Path truncated = Files.write(temp.resolve(platform.fileName("truncated")),
                    java.util.Arrays.copyOf(whole, whole.length / 2));
            String problems = problemsOf(truncated);
            assertFalse(problems.contains("null"), problems);
            if (platform == Platform.LINUX) {
                assertTrue(problems.contains("truncated-linux.tar.gz: it cannot be read as a tar.gz: it ends before its"
                        + " data does (truncated or damaged"), problems);
                assertTrue(problems.contains("download or copy it again"), problems);
            }
        }
    }

    @Test
    void aVesselinfoThatBreaksTheInstallersRulesIsAProblemNamingItsLine() throws Exception {
        byte[] vesselinfo = "Percent 75\nOwner 3 33\nPercent 25\nowner 3 33\n".getBytes(StandardCharsets.US_ASCII);
        Path withVesselinfo = Tamper.addEntry(bases.get(Platform.LINUX),
                temp.resolve("v/seattle-installer-0.1.0-linux.tar.gz"), "seattle/vesselinfo", vesselinfo);
        String problems = problemsOf(withVesselinfo);
        assertTrue(problems.contains("seattle-installer-0.1.0-linux.tar.gz!/seattle/vesselinfo line 1: found 75"),
                problems);
        assertTrue(problems.contains("vesselinfo line 4:"), problems);
        assertTrue(problems.contains("case-sensitive"), problems);
    }
}
