package io.github.seattleinstaller.builder.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes one gzip member (RFC 1952) with a fixed header: no name, modification time 0, OS "unknown". The
 * JDK's GZIPOutputStream writes a different OS byte depending on the JDK version, which would make
 * archives differ between builders; here every header byte is ours.
 *
 * <p>{@link #finish()} ends the member and leaves the underlying stream open, so that further members can
 * follow it; {@link #close()} also closes the underlying stream.
 */
final class GzipMemberOutputStream extends OutputStream {
    /** ID1 ID2, CM = deflate, FLG = 0, MTIME = 0, XFL = 0, OS = 255 (unknown). */
    static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[64 * 1024];
    private long uncompressedSize;
    private boolean finished;

    GzipMemberOutputStream(OutputStream out) throws IOException {
        this.out = out;
        this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (finished) {
            throw new IOException("the gzip member is already finished");
        }
        crc.update(bytes, offset, length);
        uncompressedSize += length;
        deflater.setInput(bytes, offset, length);
        while (!deflater.needsInput()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
    }

    /** Writes the rest of the compressed data and the trailer (CRC-32 and size, little-endian). */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        writeLittleEndianInt(crc.getValue());
        writeLittleEndianInt(uncompressedSize);
        finished = true;
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }

    private void writeLittleEndianInt(long value) throws IOException {
        out.write(new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)});
    }
}
