package io.github.seattleinstaller.builder.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.seattleinstaller.builder.testing.TestKeys;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

class OutputFilesTest {
    @TempDir
    Path temp;

    @Test
    void signingTheDigestGivesExactlyTheSha256WithRsaSignatureOfTheContent() throws Exception {
        byte[] content = "an installer".getBytes(StandardCharsets.US_ASCII);
        Signature reference = Signature.getInstance("SHA256withRSA");
        reference.initSign(TestKeys.operator().getPrivate());
        reference.update(content);
        byte[] sha256 = HexFormat.of().parseHex(FileDigest.of(content).sha256());
        byte[] signature = Sha256WithRsa.signDigest(sha256, TestKeys.operator().getPrivate());
        assertArrayEquals(reference.sign(), signature);
        assertTrue(Sha256WithRsa.verifiesDigest(sha256, signature, TestKeys.operator().getPublic()));
        assertFalse(Sha256WithRsa.verifiesDigest(sha256, signature, TestKeys.other().getPublic()));
    }

    @Test
    void checksumFilesAreInSha256sumFormatAndCheckedStrictly() {
        String hex = "ab".repeat(32);
        assertEquals(hex + "  x.zip\n", new String(ChecksumFile.content(hex, "x.zip"), StandardCharsets.UTF_8));
        assertNull(ChecksumFile.problem(ChecksumFile.content(hex, "x.zip"), "x.zip", hex));
        assertNull(ChecksumFile.problem((hex.toUpperCase() + " *x.zip").getBytes(StandardCharsets.UTF_8), "x.zip", hex));
        assertEquals("it is for 'y.zip', not 'x.zip'",
                ChecksumFile.problem(ChecksumFile.content(hex, "y.zip"), "x.zip", hex));
        assertEquals("it is not one line '<sha256>  <file name>'",
                ChecksumFile.problem("garbage".getBytes(StandardCharsets.UTF_8), "x.zip", hex));
    }

    @Test
    void stagedFilesAppearOnlyOnCommitAndVanishWhenNotCommitted() throws Exception {
        try (StagedOutputs staging = new StagedOutputs(temp, StagingCheckpoint.NONE)) {
            staging.stage("a.txt", "A".getBytes(StandardCharsets.US_ASCII));
            staging.stage("b.txt", "B".getBytes(StandardCharsets.US_ASCII));
            staging.stageLast("fingerprint", "F".getBytes(StandardCharsets.US_ASCII));
            assertFalse(Files.exists(temp.resolve("a.txt")));
            assertThrows(IllegalArgumentException.class, () -> staging.stage("a.txt"));
            assertEquals(3, staging.commit());
        }
        assertEquals("A", Files.readString(temp.resolve("a.txt")));
        try (StagedOutputs staging = new StagedOutputs(temp, StagingCheckpoint.NONE)) {
            staging.stage("a.txt", "new".getBytes(StandardCharsets.US_ASCII));
            staging.stage("c.txt");
        }
        assertEquals("A", Files.readString(temp.resolve("a.txt")));
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(List.of("a.txt", "b.txt", "fingerprint"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }
}
