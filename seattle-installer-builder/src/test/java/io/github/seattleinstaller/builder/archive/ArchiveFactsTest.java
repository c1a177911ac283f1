package io.github.seattleinstaller.builder.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.seattleinstaller.builder.layout.FileContent;
import io.github.seattleinstaller.builder.layout.InstallerEntry;
import io.github.seattleinstaller.builder.layout.InstallerFile;
import io.github.seattleinstaller.builder.testing.Command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The byte-level facts the no-recompression layout rests on, checked against independent readers. */
class ArchiveFactsTest {
    @TempDir
    Path temp;

    @Test
    void theEndOfArchiveMemberHoldsExactly1024ZerosForPythonAndTheJdk() throws Exception {
        byte[] member = TarGzInstallers.endOfArchiveMember();
        Path file = Files.write(temp.resolve("end.gz"), member);
        assertEquals("1024 True\n", Command.ok(temp, "python3", "-c",
                "import gzip, sys; d = gzip.decompress(open(sys.argv[1], 'rb').read()); print(len(d), d == bytes(1024))",
                file.toString()));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(member))) {
            assertArrayEquals(new byte[1024], in.readAllBytes());
        }
    }

    @Test
    void gzipMembersHaveAFixedHeaderThatGzipAccepts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipMemberOutputStream member = new GzipMemberOutputStream(out)) {
            member.write("hello, gzip\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] bytes = out.toByteArray();
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}, Arrays.copyOf(bytes, 10));
        Path file = Files.write(temp.resolve("hello.gz"), bytes);
        assertEquals("hello, gzip\n", Command.ok(temp, "gzip", "-dc", file.toString()));
    }

    @Test
    void aBaseWithItsEndMemberCutAndAnAppendedMemberIsOneTarForGnuTar() throws Exception {
        InstallerFile readme = new InstallerFile(0644, FileContent.of("read me\n".getBytes(StandardCharsets.US_ASCII)));
        Instant time = Instant.parse("2026-11-01T00:00:00Z");
        ByteArrayOutputStream base = new ByteArrayOutputStream();
        TarGzInstallers.writeBase(List.of(InstallerEntry.directory("top/"), InstallerEntry.file("top/README", readme)),
                time, base);
        byte[] baseBytes = base.toByteArray();
        byte[] endMember = TarGzInstallers.endOfArchiveMember();
        assertArrayEquals(endMember, Arrays.copyOfRange(baseBytes, baseBytes.length - endMember.length, baseBytes.length));
        ByteArrayOutputStream customized = new ByteArrayOutputStream();
        customized.write(baseBytes, 0, baseBytes.length - endMember.length);
        customized.write(TarGzInstallers.appendedMember(
                List.of(new AddedFile("top/extra", "x\n".getBytes(StandardCharsets.US_ASCII))), 0644, time));
        Path file = Files.write(temp.resolve("custom.tar.gz"), customized.toByteArray());
        Command.Result listed = Command.run(temp, List.of("tar", "-tzf", file.toString()));
        assertEquals("top/\ntop/README\ntop/extra\n", listed.stdout(), listed.describe());
        assertEquals("", listed.stderr());
    }

    @Test
    void zipDatesAreTheUtcWallClockTime() {
        Instant time = Instant.parse("2026-11-01T13:45:58Z");
        assertEquals(13 << 11 | 45 << 5 | 29, EntryTimes.dosTime(time));
        assertEquals(46 << 9 | 11 << 5 | 1, EntryTimes.dosDate(time));
        assertNull(EntryTimes.problem(time));
        assertEquals("1979-12-31T23:59:59Z is outside what zip can store",
                EntryTimes.problem(Instant.parse("1979-12-31T23:59:59Z")));
    }
}
