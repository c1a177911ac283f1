package io.github.seattleinstaller.builder.archive;

import io.github.seattleinstaller.builder.layout.InstallerEntry;

import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Installers as zip, laid out so that a donor's copy is made without recompressing anything.
 *
 * <p>A base installer is written by commons-compress into a seekable file: local entries back to back
 * from offset 0 (sizes and CRCs in the local headers, no data descriptors, no zip64), then the central
 * directory, then its end record. A customized copy keeps every byte of the local entries, adds the
 * {@code vesselinfo} entry (stored) after them, then repeats the base's central directory records
 * verbatim (the offsets they hold are unchanged), adds one for {@code vesselinfo} and a new end record.
 * Copying the local entries as one range, rather than entry by entry with commons-compress's
 * {@code ZipFile.copyRawEntries}, keeps the copy's first bytes identical to the base's, so their SHA-256
 * state is computed once per base and each copy only hashes its own few new bytes.
 */
public final class ZipInstallers {
    private static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
    private static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
    private static final int END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
    private static final int LOCAL_HEADER_LENGTH = 30;
    private static final int CENTRAL_HEADER_LENGTH = 46;
    private static final int END_RECORD_LENGTH = 22;
    private static final int MAX_COMMENT_LENGTH = 0xffff;
    /** Above these, zip needs its zip64 extension, which bases never use. */
    private static final long MAX_OFFSET = 0xfffffffeL;
    private static final int MAX_ENTRIES = 0xfffe;
    private static final int MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;
    /** Unix (3) in the high byte, zip specification 2.0 in the low byte. */
    private static final int VERSION_MADE_BY_UNIX = 3 << 8 | 20;
    private static final int VERSION_NEEDED_STORED = 10;
    /** General purpose bit 11: names are UTF-8, as commons-compress marks them. */
    private static final int FLAG_UTF8_NAMES = 1 << 11;
    private static final int FLAG_DATA_DESCRIPTOR = 1 << 3;
    private static final int FLAG_ENCRYPTED = 1;

    private ZipInstallers() {
    }

    /** Writes a base installer, entries in the given order, every file deflated. */
    public static void writeBase(List<InstallerEntry> entries, Instant time, Path target) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(target)) {
            zip.setUseZip64(Zip64Mode.Never);
            zip.setEncoding(StandardCharsets.UTF_8.name());
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            for (InstallerEntry entry : entries) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.name());
                zipEntry.setTime(EntryTimes.zipJavaTime(time));
                if (entry.isDirectory()) {
                    zipEntry.setMethod(ZipArchiveEntry.STORED);
                    zipEntry.setSize(0);
                    zipEntry.setCrc(0);
                    zipEntry.setUnixMode(UnixStat.DIR_FLAG | entry.mode());
                } else {
                    zipEntry.setMethod(ZipArchiveEntry.DEFLATED);
                    zipEntry.setSize(entry.content().get().size());
                    zipEntry.setUnixMode(UnixStat.FILE_FLAG | entry.mode());
                }
                zip.putArchiveEntry(zipEntry);
                if (!entry.isDirectory()) {
                    entry.content().get().writeTo(zip);
                }
                zip.closeArchiveEntry();
            }
        }
    }

    /**
     * Reads a base installer's structure and checks that it is laid out as {@link #writeBase} lays it out.
     *
     * @throws UnsuitableBaseException if a copy with one more entry cannot be made by copying its local
     *                                 entries as one range
     */
    public static CustomizableZip readLayout(FileChannel base) throws IOException, UnsuitableBaseException {
        long size = base.size();
        if (size < END_RECORD_LENGTH) {
            throw new UnsuitableBaseException("it is too short to be a zip");
        }
        int tailLength = (int) Math.min(size, END_RECORD_LENGTH + MAX_COMMENT_LENGTH);
        ByteBuffer tail = littleEndian(ChannelReads.readFully(base, size - tailLength, tailLength));
        int endRecord = -1;
        for (int at = tailLength - END_RECORD_LENGTH; at >= 0 && endRecord < 0; at--) {
            if (tail.getInt(at) == END_OF_CENTRAL_DIRECTORY_SIGNATURE
                    && at + END_RECORD_LENGTH + unsignedShort(tail, at + 20) == tailLength) {
                endRecord = at;
            }
        }
        if (endRecord < 0) {
            throw new UnsuitableBaseException("it has no end of central directory record");
        }
        long endRecordOffset = size - tailLength + endRecord;
        int entryCount = unsignedShort(tail, endRecord + 10);
        long centralDirectorySize = unsignedInt(tail, endRecord + 12);
        long centralDirectoryOffset = unsignedInt(tail, endRecord + 16);
        byte[] comment = Arrays.copyOfRange(tail.array(), endRecord + END_RECORD_LENGTH, tailLength);
        if (unsignedShort(tail, endRecord + 4) != 0 || unsignedShort(tail, endRecord + 6) != 0
                || unsignedShort(tail, endRecord + 8) != entryCount) {
            throw new UnsuitableBaseException("it spans several disks");
        }
        if (entryCount > MAX_ENTRIES || centralDirectoryOffset + centralDirectorySize != endRecordOffset
                || centralDirectorySize > MAX_CENTRAL_DIRECTORY) {
            throw new UnsuitableBaseException("its central directory is not right before its end record "
                    + "(a zip64 archive, or data between them)");
        }
        byte[] centralDirectory = ChannelReads.readFully(base, centralDirectoryOffset, (int) centralDirectorySize);
        List<LocalEntry> localEntries = readCentralDirectory(centralDirectory, entryCount);
        checkContiguous(base, localEntries, centralDirectoryOffset);
        return new CustomizableZip(centralDirectoryOffset, centralDirectory, entryCount, comment);
    }

    /** Where a central directory record says an entry's local header is, its name and compressed size. */
    private record LocalEntry(long offset, byte[] name, long compressedSize) {
    }

    private static List<LocalEntry> readCentralDirectory(byte[] centralDirectory, int entryCount)
            throws UnsuitableBaseException {
        ByteBuffer records = littleEndian(centralDirectory);
        List<LocalEntry> entries = new ArrayList<>();
        int at = 0;
        for (int index = 0; index < entryCount; index++) {
            if (at + CENTRAL_HEADER_LENGTH > centralDirectory.length
                    || records.getInt(at) != CENTRAL_HEADER_SIGNATURE) {
                throw new UnsuitableBaseException("its central directory record " + (index + 1) + " is malformed");
            }
            int flags = unsignedShort(records, at + 8);
            long compressedSize = unsignedInt(records, at + 20);
            long uncompressedSize = unsignedInt(records, at + 24);
            int nameLength = unsignedShort(records, at + 28);
            int recordLength = CENTRAL_HEADER_LENGTH + nameLength + unsignedShort(records, at + 30)
                    + unsignedShort(records, at + 32);
            long localOffset = unsignedInt(records, at + 42);
            if (at + recordLength > centralDirectory.length) {
                throw new UnsuitableBaseException("its central directory record " + (index + 1) + " is truncated");
            }
            byte[] name = Arrays.copyOfRange(centralDirectory, at + CENTRAL_HEADER_LENGTH,
                    at + CENTRAL_HEADER_LENGTH + nameLength);
            if ((flags & (FLAG_DATA_DESCRIPTOR | FLAG_ENCRYPTED)) != 0 || compressedSize > MAX_OFFSET
                    || uncompressedSize > MAX_OFFSET || localOffset > MAX_OFFSET) {
                throw new UnsuitableBaseException("entry '" + new String(name, StandardCharsets.UTF_8)
                        + "' uses a data descriptor, encryption or zip64");
            }
            entries.add(new LocalEntry(localOffset, name, compressedSize));
            at += recordLength;
        }
        if (at != centralDirectory.length) {
            throw new UnsuitableBaseException("its central directory holds more than its " + entryCount + " records");
        }
        return entries;
    }

    /** The local entries must fill the file from 0 to the central directory, each named as its record. */
    private static void checkContiguous(FileChannel base, List<LocalEntry> entries, long centralDirectoryOffset)
            throws IOException, UnsuitableBaseException {
        List<LocalEntry> inFileOrder = new ArrayList<>(entries);
        inFileOrder.sort(Comparator.comparingLong(LocalEntry::offset));
        long expectedOffset = 0;
        for (LocalEntry entry : inFileOrder) {
            String name = new String(entry.name(), StandardCharsets.UTF_8);
            if (entry.offset() != expectedOffset) {
                throw new UnsuitableBaseException("entry '" + name + "' starts at byte " + entry.offset()
                        + " instead of " + expectedOffset + ": the local entries are not back to back");
            }
            if (entry.offset() + LOCAL_HEADER_LENGTH > centralDirectoryOffset) {
                throw new UnsuitableBaseException("entry '" + name + "' overlaps the central directory");
            }
            ByteBuffer header = littleEndian(ChannelReads.readFully(base, entry.offset(), LOCAL_HEADER_LENGTH));
            int nameLength = unsignedShort(header, 26);
            int extraLength = unsignedShort(header, 28);
            if (header.getInt(0) != LOCAL_HEADER_SIGNATURE || nameLength != entry.name().length
                    || !Arrays.equals(entry.name(), ChannelReads.readFully(base, entry.offset() + LOCAL_HEADER_LENGTH,
                            nameLength))) {
                throw new UnsuitableBaseException("entry '" + name + "' has no matching local header");
            }
            expectedOffset = entry.offset() + LOCAL_HEADER_LENGTH + nameLength + extraLength + entry.compressedSize();
        }
        if (expectedOffset != centralDirectoryOffset) {
            throw new UnsuitableBaseException("there are " + (centralDirectoryOffset - expectedOffset)
                    + " bytes between the last local entry and the central directory");
        }
    }

    /** A base whose local entries can be copied as one range, with what a copy needs of the rest. */
    public static final class CustomizableZip {
        private final long localEntriesLength;
        private final byte[] centralDirectory;
        private final int entryCount;
        private final byte[] comment;

        private CustomizableZip(long localEntriesLength, byte[] centralDirectory, int entryCount, byte[] comment) {
            this.localEntriesLength = localEntriesLength;
            this.centralDirectory = centralDirectory;
            this.entryCount = entryCount;
            this.comment = comment;
        }

        /** How many leading bytes of the base a customized copy keeps: every local entry. */
        public long prefixLength() {
            return localEntriesLength;
        }

        /**
         * What follows the kept bytes in a copy with more regular files, stored uncompressed: their local
         * entries, the base's central directory, their central directory records and the end record.
         */
        public byte[] suffixWithFiles(List<AddedFile> files, int mode, Instant time) throws IOException {
            List<byte[]> names = new ArrayList<>();
            long localLength = 0;
            long centralLength = centralDirectory.length;
            for (AddedFile file : files) {
                byte[] name = file.entryName().getBytes(StandardCharsets.UTF_8);
                names.add(name);
                localLength += LOCAL_HEADER_LENGTH + name.length + file.length();
                centralLength += CENTRAL_HEADER_LENGTH + name.length;
            }
            long newCentralDirectoryOffset = localEntriesLength + localLength;
            int newEntryCount = entryCount + files.size();
            if (newEntryCount > MAX_ENTRIES || newCentralDirectoryOffset + centralLength > MAX_OFFSET) {
                throw new IOException("adding " + files.size() + " files would need zip64, which installers do not use");
            }
            int suffixLength = (int) (localLength + centralLength) + END_RECORD_LENGTH + comment.length;
            ByteBuffer suffix = ByteBuffer.allocate(suffixLength).order(ByteOrder.LITTLE_ENDIAN);

            long[] crcs = new long[files.size()];
            long[] offsets = new long[files.size()];
            long offset = localEntriesLength;
            for (int index = 0; index < files.size(); index++) {
                AddedFile file = files.get(index);
                CRC32 crc = new CRC32();
                crc.update(file.contentUnsafe());
                crcs[index] = crc.getValue();
                offsets[index] = offset;
                byte[] name = names.get(index);
                suffix.putInt(LOCAL_HEADER_SIGNATURE).putShort((short) VERSION_NEEDED_STORED);
                putCommonFields(suffix, time, crcs[index], file.length(), name.length);
                suffix.putShort((short) 0).put(name).put(file.contentUnsafe());
                offset += LOCAL_HEADER_LENGTH + name.length + file.length();
            }

            suffix.put(centralDirectory);
            for (int index = 0; index < files.size(); index++) {
                byte[] name = names.get(index);
                suffix.putInt(CENTRAL_HEADER_SIGNATURE).putShort((short) VERSION_MADE_BY_UNIX)
                        .putShort((short) VERSION_NEEDED_STORED);
                putCommonFields(suffix, time, crcs[index], files.get(index).length(), name.length);
                suffix.putShort((short) 0) // extra field length
                        .putShort((short) 0) // comment length
                        .putShort((short) 0) // disk number start
                        .putShort((short) 0) // internal attributes
                        .putInt((UnixStat.FILE_FLAG | mode) << 16)
                        .putInt((int) offsets[index])
                        .put(name);
            }

            suffix.putInt(END_OF_CENTRAL_DIRECTORY_SIGNATURE).putShort((short) 0).putShort((short) 0)
                    .putShort((short) newEntryCount).putShort((short) newEntryCount)
                    .putInt((int) centralLength).putInt((int) newCentralDirectoryOffset)
                    .putShort((short) comment.length).put(comment);
            return suffix.array();
        }

        /** Flags, method (stored), time, date, CRC, both sizes and the name length. */
        private static void putCommonFields(ByteBuffer record, Instant time, long crc, int size, int nameLength) {
            record.putShort((short) FLAG_UTF8_NAMES).putShort((short) ZipArchiveEntry.STORED)
                    .putShort((short) EntryTimes.dosTime(time)).putShort((short) EntryTimes.dosDate(time))
                    .putInt((int) crc).putInt(size).putInt(size).putShort((short) nameLength);
        }
    }

    private static ByteBuffer littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int unsignedShort(ByteBuffer buffer, int at) {
        return Short.toUnsignedInt(buffer.getShort(at));
    }

    private static long unsignedInt(ByteBuffer buffer, int at) {
        return Integer.toUnsignedLong(buffer.getInt(at));
    }
}
