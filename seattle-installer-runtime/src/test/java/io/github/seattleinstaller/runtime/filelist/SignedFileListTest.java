package io.github.seattleinstaller.runtime.filelist;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignedFileListTest {
    private static KeyPair operator;
    private static KeyPair stranger;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        operator = generator.generateKeyPair();
        stranger = generator.generateKeyPair();
    }

    /** Writes a small signed installer into dir, as the builder does. */
    static void writeSignedInstaller(Path dir, KeyPair key) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("install.sh"), "#!/bin/sh\necho install\n");
        Files.write(dir.resolve("lib/runtime.jar"), new byte[] {1, 2, 3, 4});
        Files.writeString(dir.resolve("resources.offcut"), "resource cpu .002\n");
        Files.writeString(dir.resolve(SignedFileList.PUBLIC_KEY_FILE_NAME),
                PublicKeyPem.encode((RSAPublicKey) key.getPublic()));
        Map<String, FileDigest> files = new TreeMap<>();
        for (String path : List.of("install.sh", "lib/runtime.jar", "resources.offcut",
                SignedFileList.PUBLIC_KEY_FILE_NAME)) {
            files.put(path, FileDigest.of(dir.resolve(path)));
        }
        SignedFileList list = SignedFileList.of(files);
        Files.write(dir.resolve(SignedFileList.FILE_NAME), list.toBytes());
        Files.write(dir.resolve(SignedFileList.SIGNATURE_FILE_NAME), list.sign(key.getPrivate()));
        Files.writeString(dir.resolve(SignedFileList.VESSELINFO_FILE_NAME), "Percent 100\n");
    }

    private static FileListVerifier.VerifiedFileList verify(Path dir) throws Exception {
        return FileListVerifier.verifyDirectory(dir, name -> false, Optional.empty());
    }

    private static List<String> problems(Path dir, Optional<KeyFingerprint> expected) {
        return assertThrows(TamperedInstallerException.class,
                () -> FileListVerifier.verifyDirectory(dir, name -> false, expected)).problems();
    }

    @Test
    void textIsSortedCanonicalAndParsesBack() throws Exception {
        Map<String, FileDigest> files = Map.of(
                "lib/b.jar", FileDigest.of(new byte[] {2}),
                "install.sh", FileDigest.of("x".getBytes(StandardCharsets.US_ASCII)));
        SignedFileList list = SignedFileList.of(files);
        String text = new String(list.toBytes(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("#"));
        assertEquals("install.sh 2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881 1", lines[1]);
        assertTrue(lines[2].startsWith("lib/b.jar "));
        assertEquals(list.files(), SignedFileList.parse(list.toBytes()).files());
    }

    @Test
    void pathsThatCouldEscapeOrBeAmbiguousAreRefused() {
        FileDigest digest = FileDigest.of(new byte[0]);
        for (String path : List.of("../x", "/abs", "a//b", "a b", "./a", "vesselinfo", "metainfo.sig", "a\\b")) {
            assertThrows(IllegalArgumentException.class, () -> SignedFileList.of(Map.of(path, digest)), path);
        }
    }

    @Test
    void malformedListLinesAreReportedWithTheirLineNumbers() {
        String text = "# header\ninstall.sh nothex 1\nlib/a.jar " + "0".repeat(64) + " 1\nlib/a.jar "
                + "0".repeat(64) + " 1\n";
        TamperedInstallerException e = assertThrows(TamperedInstallerException.class,
                () -> SignedFileList.parse(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("metainfo line 2: not '<path> <sha256> <size>'",
                "metainfo line 4: 'lib/a.jar' is out of order or repeated"), e.problems());
    }

    @Test
    void anUntouchedInstallerVerifiesAndOpensslAgreesWithTheSignature(@TempDir Path dir) throws Exception {
        writeSignedInstaller(dir, operator);
        FileListVerifier.VerifiedFileList verified = verify(dir);
        assertEquals(KeyFingerprint.of(operator.getPublic()), verified.fingerprint());
        assertEquals(4, verified.fileList().files().size());

        Process openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify",
                SignedFileList.PUBLIC_KEY_FILE_NAME, "-signature", SignedFileList.SIGNATURE_FILE_NAME,
                SignedFileList.FILE_NAME).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, openssl.waitFor(), output);
        assertEquals("Verified OK", output.strip());
    }

    @Test
    void theVesselinfoAndDesktopMetadataMayDifferButNothingElse(@TempDir Path dir) throws Exception {
        writeSignedInstaller(dir, operator);
        Files.writeString(dir.resolve("vesselinfo"), "Percent 50\nPercent 50\n");
        Files.write(dir.resolve(SignedFileList.VESSELINFO_SIGNATURE_FILE_NAME), new byte[] {1, 2, 3});
        Files.write(dir.resolve(".DS_Store"), new byte[] {0});
        Files.write(dir.resolve("lib/Thumbs.db"), new byte[] {0});
        Files.createDirectories(dir.resolve("seattle_repy"));
        Files.writeString(dir.resolve("seattle_repy/vesseldict"), "{}");
        FileListVerifier.VerifiedFileList verified =
                FileListVerifier.verifyDirectory(dir, "seattle_repy"::equals, Optional.empty());
        assertEquals(Set.of("install.sh", "lib/runtime.jar", "resources.offcut", SignedFileList.PUBLIC_KEY_FILE_NAME),
                verified.fileList().files().keySet());

        // Nothing else: the same names below the top level, or any other file, are additions.
        Files.writeString(dir.resolve("lib/vesselinfo"), "Percent 100\n");
        Files.createDirectories(dir.resolve("lib/seattle_repy"));
        Files.writeString(dir.resolve("lib/seattle_repy/vesseldict"), "{}");
        Files.writeString(dir.resolve("notes.txt"), "x");
        List<String> problems = assertThrows(TamperedInstallerException.class,
                () -> FileListVerifier.verifyDirectory(dir, "seattle_repy"::equals, Optional.empty())).problems();
        assertEquals(List.of("lib/seattle_repy/vesseldict: added (it is not in the signed file list)",
                "lib/vesselinfo: added (it is not in the signed file list)",
                "notes.txt: added (it is not in the signed file list)"), problems.stream().sorted().toList());

        // And a listed file may not differ, even by a byte.
        Files.delete(dir.resolve("lib/vesselinfo"));
        Files.delete(dir.resolve("lib/seattle_repy/vesseldict"));
        Files.delete(dir.resolve("lib/seattle_repy"));
        Files.delete(dir.resolve("notes.txt"));
        Files.writeString(dir.resolve("resources.offcut"), "resource cpu .003\n");
        assertEquals(List.of("resources.offcut: changed (its SHA-256 differs from the signed file list)"),
                assertThrows(TamperedInstallerException.class,
                        () -> FileListVerifier.verifyDirectory(dir, "seattle_repy"::equals, Optional.empty())).problems());
    }

    @Test
    void aChangedFileIsNamed(@TempDir Path dir) throws Exception {
        writeSignedInstaller(dir, operator);
        Files.write(dir.resolve("lib/runtime.jar"), new byte[] {1, 2, 3, 5});
        assertEquals(List.of("lib/runtime.jar: changed (its SHA-256 differs from the signed file list)"),
                problems(dir, Optional.empty()));
    }

    @Test
    void aResizedMissingOrAddedFileIsNamed(@TempDir Path dir) throws Exception {
        writeSignedInstaller(dir, operator);
        Files.writeString(dir.resolve("resources.offcut"), "resource cpu .2\n");
        Files.delete(dir.resolve("install.sh"));
        Files.writeString(dir.resolve("lib/evil.jar"), "x");
        assertEquals(List.of("install.sh: missing (it is in the signed file list)",
                "resources.offcut: changed (16 bytes, signed as 18)",
                "lib/evil.jar: added (it is not in the signed file list)"), problems(dir, Optional.empty()));
    }

    /** Issue 7 finding 10: a 1 TiB sparse file that is not listed kept the installer hashing for minutes. */
    @Test
    void onlyListedFilesOfTheRightSizeAreDigested() throws Exception {
        SignedFileList list = SignedFileList.of(Map.of("install.sh", FileDigest.of(new byte[] {1}),
                "lib/a.jar", FileDigest.of(new byte[] {1, 2})));
        List<String> asked = new java.util.ArrayList<>();
        List<String> differences = list.differencesFrom(Map.of("install.sh", 1L, "lib/a.jar", 7L, "lib/huge.jar",
                1L << 40), path -> {
                    asked.add(path);
                    return FileDigest.of(new byte[] {1}).sha256();
                });
        assertEquals(List.of("install.sh"), asked);
        assertEquals(List.of("lib/a.jar: changed (7 bytes, signed as 2)",
                "lib/huge.jar: added (it is not in the signed file list)"), differences);
    }

    @Test
    void aListChangedAfterSigningFailsTheSignature(@TempDir Path dir) throws Exception {
        writeSignedInstaller(dir, operator);
        Files.write(dir.resolve("lib/runtime.jar"), new byte[] {9});
        Path list = dir.resolve(SignedFileList.FILE_NAME);
        String text = Files.readString(list).replaceAll("lib/runtime.jar \\S+ 4",
                "lib/runtime.jar " + FileDigest.of(new byte[] {9}).sha256() + " 1");
        Files.writeString(list, text);
        assertEquals(List.of("metainfo.sig: the signature does not match metainfo and operator.pub.pem"),
                problems(dir, Optional.empty()));
    }

    @Test
    void aReSignedInstallerVerifiesOnlyWithoutAPinnedFingerprint(@TempDir Path dir) throws Exception {
        writeSignedInstaller(dir, stranger);
        verify(dir);
        List<String> problems = problems(dir, Optional.of(KeyFingerprint.of(operator.getPublic())));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("operator.pub.pem: the operator key is sha256:"), problems.get(0));
        FileListVerifier.verifyDirectory(dir, name -> false, Optional.of(KeyFingerprint.of(stranger.getPublic())));
    }

    @Test
    void missingSignaturePartsAreEachNamed(@TempDir Path dir) throws Exception {
        writeSignedInstaller(dir, operator);
        Files.delete(dir.resolve(SignedFileList.SIGNATURE_FILE_NAME));
        Files.delete(dir.resolve(SignedFileList.PUBLIC_KEY_FILE_NAME));
        List<String> problems = problems(dir, Optional.empty());
        assertEquals(List.of("metainfo.sig: missing (the signature of the file list)",
                "operator.pub.pem: missing (the operator's public key)",
                "operator.pub.pem: missing (it is in the signed file list)"), problems);
    }

    @Test
    void symbolicLinksAreNotAcceptedAsFiles(@TempDir Path dir) throws Exception {
        writeSignedInstaller(dir, operator);
        Files.delete(dir.resolve("install.sh"));
        Files.createSymbolicLink(dir.resolve("install.sh"), dir.resolve("resources.offcut"));
        List<String> problems = problems(dir, Optional.empty());
        assertTrue(problems.contains("install.sh: not a regular file"), problems.toString());
    }

    @Test
    void signaturesAreDeterministic() {
        SignedFileList list = SignedFileList.of(Map.of("a", FileDigest.of(new byte[] {1})));
        assertArrayEquals(list.sign(operator.getPrivate()), list.sign(operator.getPrivate()));
    }
}
