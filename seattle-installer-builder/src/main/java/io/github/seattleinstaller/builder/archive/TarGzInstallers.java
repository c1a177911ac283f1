package io.github.seattleinstaller.builder.archive;

import io.github.seattleinstaller.builder.layout.InstallerEntry;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installers as tar.gz, laid out so that a donor's copy is made without recompressing anything.
 *
 * <p>A base installer is two concatenated gzip members: the first holds the tar stream of every entry,
 * stopped right after the last entry (without tar's end-of-archive blocks); the second is the constant
 * {@link #endOfArchiveMember()}, holding only the end-of-archive (two zero records). Alone it is an
 * ordinary tar.gz. A customized copy is the base without that last member, followed by one new member
 * holding the {@code vesselinfo} entry and the end-of-archive: GNU tar, Python's tarfile and the JDK read
 * the concatenated members as one tar stream.
 *
 * <p>The tar stream is written with commons-compress's {@link TarArchiveOutputStream} rather than
 * plexus-archiver's TarArchiver: the entries must go into a gzip member we write ourselves and stop before
 * the end-of-archive blocks. TarArchiver writes a whole archive through its own compressor, so we would
 * have to write it, walk its headers back to cut the end blocks off, and compress again; the stream
 * writes each 512-byte record through as soon as it is complete, so the member ends exactly after the last
 * entry. Every header field is set explicitly (mode, uid/gid 0, empty user and group names, time); names
 * are kept short enough for plain ustar headers, since commons-compress stamps pax and GNU long-name
 * headers with the building user's name.
 */
public final class TarGzInstallers {
    static final int RECORD_SIZE = 512;
    /** Tar's end-of-archive: two zero records. */
    static final int END_OF_ARCHIVE_LENGTH = 2 * RECORD_SIZE;

    /**
     * The gzip member of the 1024 zero bytes of tar's end-of-archive: the header of
     * {@link GzipMemberOutputStream}, the raw deflate stream zlib makes of 1024 zeros, then CRC-32
     * 0xefb5af2e and size 1024, little-endian. Written as a constant so that every base ends with the same
     * bytes whatever zlib the builder had, and customization can recognise and cut it.
     */
    private static final byte[] END_OF_ARCHIVE_MEMBER = {
            0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff,
            0x63, 0x60, 0x18, 0x05, (byte) 0xa3, 0x60, 0x14, (byte) 0x8c, 0x54, 0x00, 0x00,
            0x2e, (byte) 0xaf, (byte) 0xb5, (byte) 0xef, 0x00, 0x04, 0x00, 0x00};

    private TarGzInstallers() {
    }

    public static byte[] endOfArchiveMember() {
        return END_OF_ARCHIVE_MEMBER.clone();
    }

    /** Writes a base installer: the entries' member, then the end-of-archive member. */
    public static void writeBase(List<InstallerEntry> entries, Instant time, OutputStream out) throws IOException {
        GzipMemberOutputStream payload = new GzipMemberOutputStream(out);
        EndOfArchiveSplitter splitter = new EndOfArchiveSplitter(payload);
        try (TarArchiveOutputStream tar = newTarStream(splitter)) {
            for (InstallerEntry entry : entries) {
                tar.putArchiveEntry(header(entry.name(), entry.isDirectory(), entry.mode(),
                        entry.content().map(content -> content.size()).orElse(0L), time));
                if (entry.content().isPresent()) {
                    entry.content().get().writeTo(tar);
                }
                tar.closeArchiveEntry();
            }
            payload.finish();
            splitter.startEndOfArchive();
        }
        splitter.requireEndOfArchive();
        out.write(END_OF_ARCHIVE_MEMBER);
    }

    /**
     * The gzip member a customized copy ends with: the added regular files, in order, and the end-of-archive.
     */
    public static byte[] appendedMember(List<AddedFile> files, int mode, Instant time) throws IOException {
        int length = files.stream().mapToInt(AddedFile::length).sum();
        ByteArrayOutputStream member = new ByteArrayOutputStream(length + 128 * (files.size() + 1));
        try (TarArchiveOutputStream tar = newTarStream(new GzipMemberOutputStream(member))) {
            for (AddedFile file : files) {
                tar.putArchiveEntry(header(file.entryName(), false, mode, file.length(), time));
                tar.write(file.contentUnsafe());
                tar.closeArchiveEntry();
            }
        }
        return member.toByteArray();
    }

    /**
     * How many leading bytes of a base installer a customized copy keeps: all but the end-of-archive
     * member, which must be there, byte for byte. The tar stream must also end right after its last entry
     * with nothing but that member's end-of-archive, or the appended entry would come after an end-of-archive
     * that every reader stops at, and donors would not get their vesselinfo.
     *
     * @param tarBytesAfterLastEntry what {@link ArchiveReader} found after the base's last entry
     * @throws UnsuitableBaseException if the base is not laid out so
     */
    public static long customizablePrefixLength(FileChannel base, long tarBytesAfterLastEntry)
            throws IOException, UnsuitableBaseException {
        long size = base.size();
        if (!endsWithEndOfArchiveMember(base)) {
            throw new UnsuitableBaseException("it does not end with the end-of-archive gzip member this builder "
                    + "writes, so the vesselinfo member cannot be appended without recompressing");
        }
        if (tarBytesAfterLastEntry != END_OF_ARCHIVE_LENGTH) {
            throw new UnsuitableBaseException("its tar stream holds " + tarBytesAfterLastEntry + " bytes after the "
                    + "last entry instead of the " + END_OF_ARCHIVE_LENGTH + " of one end-of-archive, so an appended "
                    + "vesselinfo would lie beyond the end that tar reads to");
        }
        return size - END_OF_ARCHIVE_MEMBER.length;
    }

    /**
     * True if the file ends with the constant end-of-archive member, as a base installer does and a customized
     * one (whose last member holds its vesselinfo) does not: a check that reads a few dozen bytes.
     */
    public static boolean endsWithEndOfArchiveMember(FileChannel file) throws IOException {
        long size = file.size();
        return size > END_OF_ARCHIVE_MEMBER.length && Arrays.equals(END_OF_ARCHIVE_MEMBER,
                ChannelReads.readFully(file, size - END_OF_ARCHIVE_MEMBER.length, END_OF_ARCHIVE_MEMBER.length));
    }

    private static TarArchiveOutputStream newTarStream(OutputStream out) {
        // One record per block: no padding beyond the end-of-archive, so nothing hides after it.
        return new TarArchiveOutputStream(out, RECORD_SIZE, StandardCharsets.UTF_8.name());
    }

    private static TarArchiveEntry header(String name, boolean directory, int mode, long size, Instant time) {
        TarArchiveEntry header = new TarArchiveEntry(name, directory ? TarConstants.LF_DIR : TarConstants.LF_NORMAL);
        header.setMode(mode);
        header.setUserId(0);
        header.setGroupId(0);
        header.setUserName("");
        header.setGroupName("");
        header.setSize(size);
        header.setModTime(FileTime.from(EntryTimes.tarSeconds(time), TimeUnit.SECONDS));
        return header;
    }

    /**
     * Passes the tar stream on to the payload member until told that the end-of-archive starts, then
     * keeps the rest aside to check that it is exactly the two zero records the constant member holds.
     * Closing it closes nothing: the payload member is finished by the writer.
     */
    private static final class EndOfArchiveSplitter extends OutputStream {
        private OutputStream target;
        private final ByteArrayOutputStream endOfArchive = new ByteArrayOutputStream(END_OF_ARCHIVE_LENGTH);

        EndOfArchiveSplitter(OutputStream payload) {
            this.target = payload;
        }

        void startEndOfArchive() {
            target = endOfArchive;
        }

        void requireEndOfArchive() {
            if (!Arrays.equals(endOfArchive.toByteArray(), new byte[END_OF_ARCHIVE_LENGTH])) {
                throw new IllegalStateException("the tar stream ended with " + endOfArchive.size()
                        + " bytes other than the two zero records of the end-of-archive member");
            }
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
        }

        @Override
        public void close() {
            // The payload member belongs to the writer.
        }
    }
}
