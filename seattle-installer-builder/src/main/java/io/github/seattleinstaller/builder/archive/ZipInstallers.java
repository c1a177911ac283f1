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
    /** Above these, zip needs its zip64 extension, which bases never use. */
    private static final long MAX_OFFSET = 0xfffffffeL;
    private static final int MAX_ENTRIES = 0xfffe;
    /** Unix (3) in the high byte, zip specification 2.0 in the low byte. */
    private static final int VERSION_MADE_BY_UNIX = 3 << 8 | 20;
    private static final int VERSION_NEEDED_STORED = 10;
    /** General purpose bit 11: names are UTF-8, as commons-compress marks them. */
    private static final int FLAG_UTF8_NAMES = 1 << 11;

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
     * Reads a base installer's structure and checks that it is laid out as {@link #writeBase} lays it out
     * ({@link ZipStructure}: every local header agrees with its record, entries back to back, nothing after
     * the end record).
     *
     * @throws UnsuitableBaseException if a copy with more entries cannot be made by copying its local
     *                                 entries as one range
     */
    public static CustomizableZip readLayout(FileChannel base) throws IOException, UnsuitableBaseException {
        ZipStructure.Layout layout = ZipStructure.read(base);
        if (!layout.problems().isEmpty()) {
            throw new UnsuitableBaseException(String.join("; ", layout.problems()));
        }
        if (layout.entryCount() > MAX_ENTRIES) {
            throw new UnsuitableBaseException("it has " + layout.entryCount() + " entries, more than a zip without"
                    + " zip64 can grow to");
        }
        return new CustomizableZip(layout.centralDirectoryOffset(), layout.centralDirectory(), layout.entryCount());
    }

    /** A base whose local entries can be copied as one range, with what a copy needs of the rest. */
    public static final class CustomizableZip {
        private final long localEntriesLength;
        private final byte[] centralDirectory;
        private final int entryCount;

        private CustomizableZip(long localEntriesLength, byte[] centralDirectory, int entryCount) {
            this.localEntriesLength = localEntriesLength;
            this.centralDirectory = centralDirectory;
            this.entryCount = entryCount;
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
            int suffixLength = (int) (localLength + centralLength) + END_RECORD_LENGTH;
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
                    .putShort((short) 0); // no comment
            return suffix.array();
        }

        /** Flags, method (stored), time, date, CRC, both sizes and the name length. */
        private static void putCommonFields(ByteBuffer record, Instant time, long crc, int size, int nameLength) {
            record.putShort((short) FLAG_UTF8_NAMES).putShort((short) ZipArchiveEntry.STORED)
                    .putShort((short) EntryTimes.dosTime(time)).putShort((short) EntryTimes.dosDate(time))
                    .putInt((int) crc).putInt(size).putInt(size).putShort((short) nameLength);
        }
    }

}
