package io.github.seattleinstaller.builder.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checks that a zip says the same thing to every reader. A zip library reads the central directory at the
 * end; a streaming extractor reads the local headers from the start. An installer zip must hold nothing
 * that only one of them sees: every local header agrees with its central directory record (name, flags,
 * method, CRC, sizes), the local entries fill the file back to back from byte 0 to the central directory,
 * which ends right at the end record, and nothing follows that (no comment). These are the rules
 * {@link ZipInstallers} writes bases and donors' copies by; zip64, data descriptors and encryption, which
 * installers never use, are refused. A zip that passes can be customized by copying its local entries as
 * one range: {@link Layout} gives what such a copy needs.
 */
public final class ZipStructure {
    private static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
    private static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
    private static final int END_RECORD_SIGNATURE = 0x06054b50;
    private static final int LOCAL_HEADER_LENGTH = 30;
    private static final int CENTRAL_HEADER_LENGTH = 46;
    private static final int END_RECORD_LENGTH = 22;
    private static final int MAX_COMMENT_LENGTH = 0xffff;
    private static final int MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;
    private static final int FLAG_ENCRYPTED = 1;
    private static final int FLAG_DATA_DESCRIPTOR = 1 << 3;
    private static final long ZIP64_MARKER = 0xffffffffL;

    private ZipStructure() {
    }

    /** One central directory record: what a zip library believes about an entry. */
    private record CentralRecord(int index, String name, byte[] rawName, int flags, int method, long crc,
            long compressedSize, long size, long localOffset) {
    }

    /**
     * What the records of a zip say, and every problem with them.
     *
     * @param centralDirectoryOffset where the central directory starts: the length of the local entries
     * @param centralDirectory       the central directory's bytes (empty when it could not be read)
     * @param entryCount             how many entries the end record announces
     * @param problems               every disagreement and unaccounted byte; empty for an installer's layout
     */
    public record Layout(long centralDirectoryOffset, byte[] centralDirectory, int entryCount, List<String> problems) {
        public Layout {
            centralDirectory = centralDirectory.clone();
            problems = List.copyOf(problems);
        }

        @Override
        public byte[] centralDirectory() {
            return centralDirectory.clone();
        }
    }

    /** Every disagreement between the zip's records, and every byte that no record accounts for. */
    static List<String> problems(Path zip) throws IOException {
        try (FileChannel file = FileChannel.open(zip, StandardOpenOption.READ)) {
            return read(file).problems();
        }
    }

    /** Reads the zip's records from the channel (by position: the channel's position is not used). */
    public static Layout read(FileChannel file) throws IOException {
        List<String> problems = new ArrayList<>();
        long size = file.size();
        if (size < END_RECORD_LENGTH) {
            problems.add("it is " + size + " bytes, too short to be a zip");
            return new Layout(0, new byte[0], 0, problems);
        }
        int tailLength = (int) Math.min(size, END_RECORD_LENGTH + MAX_COMMENT_LENGTH);
        ByteBuffer tail = littleEndian(ChannelReads.readFully(file, size - tailLength, tailLength));
        int endRecord = -1;
        for (int at = tailLength - END_RECORD_LENGTH; at >= 0 && endRecord < 0; at--) {
            if (tail.getInt(at) == END_RECORD_SIGNATURE) {
                endRecord = at;
            }
        }
        if (endRecord < 0) {
            problems.add("it has no end of central directory record");
            return new Layout(0, new byte[0], 0, problems);
        }
        long endOffset = size - tailLength + endRecord;
        int commentLength = unsignedShort(tail, endRecord + 20);
        long afterEnd = size - (endOffset + END_RECORD_LENGTH);
        if (afterEnd != 0) {
            problems.add(afterEnd + " bytes follow the central directory (a comment of " + commentLength
                    + " bytes or data after the archive); installers have none, and extractors do not show them");
        }
        int entries = unsignedShort(tail, endRecord + 10);
        long directorySize = unsignedInt(tail, endRecord + 12);
        long directoryOffset = unsignedInt(tail, endRecord + 16);
        if (unsignedShort(tail, endRecord + 4) != 0 || unsignedShort(tail, endRecord + 6) != 0
                || unsignedShort(tail, endRecord + 8) != entries) {
            problems.add("it spans several disks");
            return new Layout(0, new byte[0], entries, problems);
        }
        if (directoryOffset == ZIP64_MARKER || directorySize == ZIP64_MARKER || entries == 0xffff) {
            problems.add("it is a zip64 archive, which installers never are");
            return new Layout(0, new byte[0], entries, problems);
        }
        if (directoryOffset + directorySize != endOffset || directorySize > MAX_CENTRAL_DIRECTORY) {
            problems.add("its central directory (bytes " + directoryOffset + " to " + (directoryOffset
                    + directorySize) + ") does not end where its end record starts (byte " + endOffset + ")");
            return new Layout(0, new byte[0], entries, problems);
        }
        byte[] directory = ChannelReads.readFully(file, directoryOffset, (int) directorySize);
        int problemsBefore = problems.size();
        List<CentralRecord> records = readCentralDirectory(directory, entries, problems);
        if (problems.size() == problemsBefore) {
            checkLocalEntries(file, records, directoryOffset, problems);
        }
        return new Layout(directoryOffset, directory, entries, problems);
    }

    private static List<CentralRecord> readCentralDirectory(byte[] directory, int entries, List<String> problems) {
        ByteBuffer records = littleEndian(directory);
        List<CentralRecord> read = new ArrayList<>();
        int at = 0;
        for (int index = 1; index <= entries; index++) {
            if (at + CENTRAL_HEADER_LENGTH > directory.length || records.getInt(at) != CENTRAL_HEADER_SIGNATURE) {
                problems.add("its central directory record " + index + " of " + entries + " is missing or malformed");
                return read;
            }
            int nameLength = unsignedShort(records, at + 28);
            int recordLength = CENTRAL_HEADER_LENGTH + nameLength + unsignedShort(records, at + 30)
                    + unsignedShort(records, at + 32);
            if (at + recordLength > directory.length) {
                problems.add("its central directory record " + index + " runs past the central directory");
                return read;
            }
            byte[] rawName = Arrays.copyOfRange(directory, at + CENTRAL_HEADER_LENGTH, at + CENTRAL_HEADER_LENGTH + nameLength);
            CentralRecord record = new CentralRecord(index, new String(rawName, StandardCharsets.UTF_8), rawName,
                    unsignedShort(records, at + 8), unsignedShort(records, at + 10), unsignedInt(records, at + 16),
                    unsignedInt(records, at + 20), unsignedInt(records, at + 24), unsignedInt(records, at + 42));
            if ((record.flags() & (FLAG_ENCRYPTED | FLAG_DATA_DESCRIPTOR)) != 0 || record.compressedSize() == ZIP64_MARKER
                    || record.size() == ZIP64_MARKER || record.localOffset() == ZIP64_MARKER) {
                problems.add("entry '" + record.name() + "' uses encryption, a data descriptor or zip64, which"
                        + " installers never do");
            }
            read.add(record);
            at += recordLength;
        }
        if (at != directory.length) {
            problems.add("its central directory holds " + (directory.length - at) + " bytes more than its "
                    + entries + " records");
        }
        return read;
    }

    /** Each local entry where its record says, as its record says, and nothing before, between or after them. */
    private static void checkLocalEntries(FileChannel file, List<CentralRecord> records, long directoryOffset,
            List<String> problems) throws IOException {
        List<CentralRecord> inFileOrder = new ArrayList<>(records);
        inFileOrder.sort(Comparator.comparingLong(CentralRecord::localOffset));
        long expected = 0;
        for (CentralRecord record : inFileOrder) {
            String entry = "entry '" + record.name() + "'";
            if (record.localOffset() != expected) {
                problems.add(entry + ": its local header is at byte " + record.localOffset() + ", but the previous "
                        + "entry ends at byte " + expected + (record.localOffset() > expected
                        ? ": bytes hidden from zip libraries lie between them" : ": the entries overlap"));
                return;
            }
            if (record.localOffset() + LOCAL_HEADER_LENGTH > directoryOffset) {
                problems.add(entry + ": its local header runs into the central directory");
                return;
            }
            ByteBuffer header = littleEndian(ChannelReads.readFully(file, record.localOffset(), LOCAL_HEADER_LENGTH));
            int nameLength = unsignedShort(header, 26);
            int extraLength = unsignedShort(header, 28);
            if (header.getInt(0) != LOCAL_HEADER_SIGNATURE) {
                problems.add(entry + ": there is no local header at byte " + record.localOffset());
                return;
            }
            byte[] localName = ChannelReads.readFully(file, record.localOffset() + LOCAL_HEADER_LENGTH,
                    (int) Math.min(nameLength, Math.max(0, directoryOffset - record.localOffset() - LOCAL_HEADER_LENGTH)));
            List<String> differences = new ArrayList<>();
            if (!Arrays.equals(localName, record.rawName())) {
                differences.add("name '" + new String(localName, StandardCharsets.UTF_8) + "' (central directory: '"
                        + record.name() + "')");
            }
            compare(differences, "flags", unsignedShort(header, 6), record.flags());
            compare(differences, "compression method", unsignedShort(header, 8), record.method());
            compare(differences, "CRC", unsignedInt(header, 14), record.crc());
            compare(differences, "compressed size", unsignedInt(header, 18), record.compressedSize());
            compare(differences, "size", unsignedInt(header, 22), record.size());
            if (!differences.isEmpty()) {
                problems.add(entry + ": its local header (at byte " + record.localOffset() + ") says "
                        + String.join(", ", differences) + ", unlike the central directory: a streaming extractor"
                        + " would write something else than a zip library reads");
            }
            expected = record.localOffset() + LOCAL_HEADER_LENGTH + nameLength + extraLength + record.compressedSize();
        }
        if (expected != directoryOffset) {
            problems.add((directoryOffset - expected) + " bytes lie between the last entry and the central directory"
                    + " (from byte " + expected + "), which zip libraries do not show and streaming extractors may"
                    + " read as entries");
        }
    }

    private static void compare(List<String> differences, String field, long local, long central) {
        if (local != central) {
            differences.add(field + " " + local + " (central directory: " + central + ")");
        }
    }

    /** Zip records are little-endian; these readers serve every reader of zip records in this package. */
    static ByteBuffer littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static int unsignedShort(ByteBuffer buffer, int at) {
        return Short.toUnsignedInt(buffer.getShort(at));
    }

    static long unsignedInt(ByteBuffer buffer, int at) {
        return Integer.toUnsignedLong(buffer.getInt(at));
    }
}
