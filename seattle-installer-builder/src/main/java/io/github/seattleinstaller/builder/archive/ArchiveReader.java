package io.github.seattleinstaller.builder.archive;

import io.github.seattleinstaller.builder.archive.ArchivedEntry.Kind;
import io.github.seattleinstaller.runtime.filelist.FileDigest;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * Reads every entry of an installer archive, digesting each regular file. A tar.gz is read across all
 * its gzip members, as GNU tar reads it (a customized installer has several).
 */
public final class ArchiveReader {
    /** Kept contents are small files (the file list, its signature, keys, vesselinfo); larger is an attack. */
    private static final int MAX_KEPT_CONTENT = 16 * 1024 * 1024;

    private static final int BUFFER_SIZE = 64 * 1024;

    private ArchiveReader() {
    }

    /**
     * Reads the archive. Failures to parse it are reported as problems; only failing to open it throws.
     *
     * @param keepContent which entry names to keep the content of
     */
    public static ArchiveContents read(Path archive, ArchiveFormat format, Predicate<String> keepContent)
            throws IOException {
        return format == ArchiveFormat.TAR_GZ ? readTarGz(archive, keepContent) : readZip(archive, keepContent);
    }

    private static ArchiveContents readTarGz(Path archive, Predicate<String> keepContent) throws IOException {
        List<ArchivedEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), BUFFER_SIZE)) {
            try (TrackingInputStream tarStream = new TrackingInputStream(new GzipCompressorInputStream(file, true));
                 TarArchiveInputStream tar = new TarArchiveInputStream(tarStream, TarGzInstallers.RECORD_SIZE,
                         StandardCharsets.UTF_8.name())) {
                long endOfEntries = 0;
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    long dataStart = tarStream.position();
                    entries.add(tarEntry(entry, tar, keepContent, problems));
                    endOfEntries = dataStart + roundUpToRecord(entry.getSize());
                }
                tarStream.drain();
                if (tarStream.endOfLastNonZeroByte() > endOfEntries) {
                    problems.add("the tar stream holds data after its end-of-archive marker, up to byte "
                            + tarStream.endOfLastNonZeroByte() + ": extractors do not show it");
                }
                return new ArchiveContents(entries, OptionalLong.of(tarStream.position() - endOfEntries), problems);
            } catch (IOException unreadable) {
                problems.add("it cannot be read as a tar.gz: " + reason(unreadable));
                return new ArchiveContents(entries, OptionalLong.empty(), problems);
            }
        }
    }

    private static ArchivedEntry tarEntry(TarArchiveEntry entry, TarArchiveInputStream tar,
            Predicate<String> keepContent, List<String> problems) throws IOException {
        String name = entry.getName();
        OptionalInt mode = OptionalInt.of(entry.getMode() & 07777);
        if (entry.isSymbolicLink()) {
            return special(name, Kind.LINK, "symbolic link to '" + entry.getLinkName() + "'", mode);
        }
        if (entry.isLink()) {
            return special(name, Kind.LINK, "hard link to '" + entry.getLinkName() + "'", mode);
        }
        if (entry.isDirectory()) {
            return new ArchivedEntry(name, Kind.DIRECTORY, "directory", mode, Optional.empty(), Optional.empty());
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return special(name, Kind.SPECIAL, "device", mode);
        }
        if (entry.isFIFO()) {
            return special(name, Kind.SPECIAL, "named pipe", mode);
        }
        if (!entry.isFile() || entry.isSparse()) {
            return special(name, Kind.SPECIAL, "tar entry of type '" + (char) entry.getLinkFlag() + "'", mode);
        }
        return file(name, mode, tar, keepContent.test(name), problems);
    }

    private static ArchiveContents readZip(Path archive, Predicate<String> keepContent) throws IOException {
        List<ArchivedEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        problems.addAll(ZipStructure.problems(archive));
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(archive).get();
        } catch (IOException unreadable) {
            problems.add("it cannot be read as a zip: " + reason(unreadable));
            return new ArchiveContents(entries, OptionalLong.empty(), problems);
        }
        try (zip) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                entries.add(zipEntry(zip, entry, keepContent, problems));
            }
        } catch (IOException unreadable) {
            problems.add("it cannot be read as a zip: " + reason(unreadable));
        }
        return new ArchiveContents(entries, OptionalLong.empty(), problems);
    }

    private static ArchivedEntry zipEntry(ZipFile zip, ZipArchiveEntry entry, Predicate<String> keepContent,
            List<String> problems) throws IOException {
        String name = entry.getName();
        boolean unix = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX;
        int unixMode = entry.getUnixMode();
        OptionalInt mode = unix ? OptionalInt.of(unixMode & 07777) : OptionalInt.empty();
        int fileType = unix ? unixMode & UnixStat.FILE_TYPE_FLAG : 0;
        if (entry.isUnixSymlink()) {
            return special(name, Kind.LINK, "symbolic link", mode);
        }
        if (entry.isDirectory()) {
            return new ArchivedEntry(name, Kind.DIRECTORY, "directory", mode, Optional.empty(), Optional.empty());
        }
        if (fileType != 0 && fileType != UnixStat.FILE_FLAG) {
            return special(name, Kind.SPECIAL, "special file (Unix type " + Integer.toOctalString(fileType) + ")",
                    mode);
        }
        if (!zip.canReadEntryData(entry)) {
            return special(name, Kind.SPECIAL, "entry that cannot be read (encrypted, or compressed with an "
                    + "unsupported method)", mode);
        }
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(entry), new CRC32())) {
            ArchivedEntry read = file(name, mode, in, keepContent.test(name), problems);
            if (in.getChecksum().getValue() != entry.getCrc()) {
                problems.add("entry '" + name + "': its content does not match the CRC the archive records for it"
                        + " (damaged or altered)");
            }
            return read;
        }
    }

    /**
     * Why an archive could not be read, in words: a truncated stream throws without a message, and the
     * bare class name of the exception would tell a donor nothing.
     */
    static String reason(IOException unreadable) {
        String message = unreadable.getMessage();
        if (unreadable instanceof EOFException || message == null || message.isBlank()) {
            return "it ends before its data does (truncated or damaged" + (message == null || message.isBlank()
                    ? "" : ": " + message) + "); download or copy it again";
        }
        return message;
    }

    private static ArchivedEntry file(String name, OptionalInt mode, InputStream in, boolean keep,
            List<String> problems) throws IOException {
        MessageDigest sha256 = FileDigest.newSha256();
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        byte[] buffer = new byte[BUFFER_SIZE];
        long size = 0;
        for (int read; (read = in.read(buffer)) != -1; ) {
            sha256.update(buffer, 0, read);
            size += read;
            if (kept != null && size <= MAX_KEPT_CONTENT) {
                kept.write(buffer, 0, read);
            }
        }
        Optional<byte[]> content = Optional.empty();
        if (kept != null && size > MAX_KEPT_CONTENT) {
            problems.add("entry '" + name + "' is " + size + " bytes, more than such a file can be ("
                    + MAX_KEPT_CONTENT + ")");
        } else if (kept != null) {
            content = Optional.of(kept.toByteArray());
        }
        FileDigest digest = new FileDigest(size, HexFormat.of().formatHex(sha256.digest()));
        return new ArchivedEntry(name, Kind.FILE, "file", mode, Optional.of(digest), content);
    }

    private static ArchivedEntry special(String name, Kind kind, String description, OptionalInt mode) {
        return new ArchivedEntry(name, kind, description, mode, Optional.empty(), Optional.empty());
    }

    private static long roundUpToRecord(long size) {
        long records = (size + TarGzInstallers.RECORD_SIZE - 1) / TarGzInstallers.RECORD_SIZE;
        return records * TarGzInstallers.RECORD_SIZE;
    }

    /**
     * The decompressed tar stream, counting the bytes read (skips are reads) and remembering where the
     * last non-zero byte was, to find data hidden after the end-of-archive.
     */
    private static final class TrackingInputStream extends InputStream {
        private final InputStream in;
        private long position;
        private long endOfLastNonZeroByte;

        TrackingInputStream(InputStream in) {
            this.in = in;
        }

        long position() {
            return position;
        }

        long endOfLastNonZeroByte() {
            return endOfLastNonZeroByte;
        }

        void drain() throws IOException {
            byte[] buffer = new byte[BUFFER_SIZE];
            while (read(buffer, 0, buffer.length) != -1) {
                // Reading is the point: it tracks the rest of the stream.
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = in.read(bytes, offset, length);
            if (read > 0) {
                for (int index = offset + read - 1; index >= offset; index--) {
                    if (bytes[index] != 0) {
                        endOfLastNonZeroByte = position + (index - offset) + 1;
                        break;
                    }
                }
                position += read;
            }
            return read;
        }

        @Override
        public long skip(long count) throws IOException {
            byte[] buffer = new byte[(int) Math.min(count, BUFFER_SIZE)];
            long skipped = 0;
            while (skipped < count) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
                if (read == -1) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
