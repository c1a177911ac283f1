package io.github.seattleinstaller.builder.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads installer archives with tools that share no code with the builder (GNU tar, Python's tarfile and
 * zipfile, Info-ZIP's unzip and zipinfo, OpenSSL, coreutils) and checks what they report.
 */
public final class Readers {
    private Readers() {
    }

    /** One line of {@code tar -tv} or {@code zipinfo}: permissions and name. */
    public record Listed(String permissions, String name, String line) {
    }

    /**
     * Lists a tar.gz with GNU tar, requiring silence on stderr, owner 0/0 and the fixed date on every entry.
     */
    public static List<Listed> gnuTarList(Path archive) throws IOException, InterruptedException {
        Command.Result result = Command.run(archive.getParent(), List.of("tar", "-tvzf", archive.toString()));
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("", result.stderr(), "GNU tar warned: " + result.describe());
        List<Listed> listed = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            String[] fields = line.split("\\s+", 6);
            assertEquals("0/0", fields[1], line);
            assertEquals("2026-11-01", fields[3], line);
            assertEquals("00:00", fields[4], line);
            listed.add(new Listed(fields[0], fields[5], line));
        }
        return listed;
    }

    /** Lists a zip with zipinfo: permissions as unzip will set them, and names. */
    public static List<Listed> zipinfoList(Path archive) throws IOException, InterruptedException {
        String output = Command.ok(archive.getParent(), "zipinfo", archive.toString());
        List<Listed> listed = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] fields = line.split("\\s+", 9);
            if (fields.length == 9 && fields[2].equals("unx")) {
                assertEquals("26-Nov-01", fields[6], line);
                assertEquals("00:00", fields[7], line);
                listed.add(new Listed(fields[0], fields[8], line));
            }
        }
        return listed;
    }

    /** The single top-level directory name all entries lie under, failing if there are several. */
    public static String singleTopLevel(List<Listed> listed) {
        Set<String> tops = new TreeSet<>();
        listed.forEach(entry -> tops.add(entry.name().split("/")[0]));
        assertEquals(1, tops.size(), "top-level directories: " + tops);
        return tops.iterator().next();
    }

    /** Checks the modes the layout promises: directories and install.sh 0755, every other file 0644. */
    public static void assertLayoutModes(List<Listed> listed) {
        assertTrue(listed.size() > 5, "too few entries: " + listed);
        for (Listed entry : listed) {
            String expected = entry.name().endsWith("/") ? "drwxr-xr-x"
                    : entry.name().endsWith("/install.sh") ? "-rwxr-xr-x" : "-rw-r--r--";
            assertEquals(expected, entry.permissions(), entry.line());
        }
    }

    /** Every member's name, mode, uid, gid, user, group and mtime as Python's tarfile reads them. */
    public static List<String> pythonTarMembers(Path archive) throws IOException, InterruptedException {
        String script = "import sys, tarfile\n"
                + "with tarfile.open(sys.argv[1], 'r:gz') as t:\n"
                + "    for m in t.getmembers():\n"
                + "        print(m.name, oct(m.mode), m.uid, m.gid, repr(m.uname), repr(m.gname), m.mtime, m.type)\n";
        return List.of(Command.ok(archive.getParent(), "python3", "-c", script, archive.toString()).split("\n"));
    }

    /** Every entry as Python's zipfile reads it, after testzip() found every CRC right. */
    public static List<String> pythonZipEntries(Path archive) throws IOException, InterruptedException {
        String script = "import sys, zipfile\n"
                + "with zipfile.ZipFile(sys.argv[1]) as z:\n"
                + "    assert z.testzip() is None\n"
                + "    for i in z.infolist():\n"
                + "        print(i.filename, oct(i.external_attr >> 16), i.date_time, i.create_system)\n";
        return List.of(Command.ok(archive.getParent(), "python3", "-c", script, archive.toString()).split("\n"));
    }

    /** Checks the detached signature with OpenSSL. */
    public static void assertOpensslVerifies(Path publicKeyPem, Path signature, Path file)
            throws IOException, InterruptedException {
        String output = Command.ok(file.getParent(), "openssl", "dgst", "-sha256", "-verify", publicKeyPem.toString(),
                "-signature", signature.toString(), file.toString());
        assertEquals("Verified OK\n", output);
    }

    /** Checks a {@code .sha256} with {@code sha256sum -c} run in its directory. */
    public static void assertSha256sumAccepts(Path checksumFile) throws IOException, InterruptedException {
        String output = Command.ok(checksumFile.getParent(), "sha256sum", "-c", checksumFile.getFileName().toString());
        String archiveName = checksumFile.getFileName().toString().replaceFirst("\\.sha256$", "");
        assertEquals(archiveName + ": OK\n", output);
    }

    /** Extracts with the tool a donor would use: GNU tar for tar.gz, unzip for zip. */
    public static void extract(Path archive, Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        if (archive.getFileName().toString().endsWith(".zip")) {
            Command.ok(directory, "unzip", "-q", archive.toString(), "-d", directory.toString());
        } else {
            Command.Result result = Command.run(directory, List.of("tar", "-xzf", archive.toString(), "-C",
                    directory.toString()));
            assertEquals(0, result.exitCode(), result.describe());
            assertEquals("", result.stderr(), result.describe());
        }
    }
}
