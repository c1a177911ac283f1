package io.github.seattleinstaller.builder.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes altered copies of installers with Python's tarfile and zipfile, as an attacker with ordinary tools
 * would: a file's content changed, or a file added.
 */
public final class Tamper {
    private static final String TAR = "import io, sys, tarfile\n"
            + "src, dst, action, name, content = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], open(sys.argv[5], 'rb').read()\n"
            + "with tarfile.open(src, 'r:gz') as s, tarfile.open(dst, 'w:gz', format=tarfile.USTAR_FORMAT) as d:\n"
            + "    for m in s.getmembers():\n"
            + "        data = s.extractfile(m).read() if m.isfile() else None\n"
            + "        if action == 'change' and m.name == name:\n"
            + "            data = content\n"
            + "            m.size = len(data)\n"
            + "        d.addfile(m, io.BytesIO(data) if data is not None else None)\n"
            + "    if action == 'add':\n"
            + "        m = tarfile.TarInfo(name)\n"
            + "        m.size = len(content)\n"
            + "        m.mode = 0o644\n"
            + "        d.addfile(m, io.BytesIO(content))\n";
    private static final String ZIP = "import sys, zipfile\n"
            + "src, dst, action, name, content = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], open(sys.argv[5], 'rb').read()\n"
            + "with zipfile.ZipFile(src) as s, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as d:\n"
            + "    for i in s.infolist():\n"
            + "        d.writestr(i, content if action == 'change' and i.filename == name else s.read(i))\n"
            + "    if action == 'add':\n"
            + "        d.writestr(name, content)\n";

    private Tamper() {
    }

    /** A copy of {@code archive} at {@code copy} whose entry {@code name} holds {@code content}. */
    public static Path changeEntry(Path archive, Path copy, String name, byte[] content)
            throws IOException, InterruptedException {
        return rewrite(archive, copy, "change", name, content);
    }

    /** A copy of {@code archive} at {@code copy} with one more file entry. */
    public static Path addEntry(Path archive, Path copy, String name, byte[] content)
            throws IOException, InterruptedException {
        return rewrite(archive, copy, "add", name, content);
    }

    private static Path rewrite(Path archive, Path copy, String action, String name, byte[] content)
            throws IOException, InterruptedException {
        Files.createDirectories(copy.getParent());
        Path contentFile = Files.write(Files.createTempFile(copy.getParent(), "content", ".bin"), content);
        try {
            String script = archive.getFileName().toString().endsWith(".zip") ? ZIP : TAR;
            Command.ok(copy.getParent(), "python3", "-c", script, archive.toString(), copy.toString(), action, name,
                    contentFile.toString());
        } finally {
            Files.delete(contentFile);
        }
        return copy;
    }
}
