package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.HexFormat;

/**
 * One donor's installer for one platform, as bytes not written anywhere: the base's first
 * {@link #prefixLength()} bytes, read straight from the base's open file channel, then {@link #suffix()},
 * a few hundred bytes in memory holding the donor's {@code vesselinfo} and {@code vesselinfo.sig} and the
 * archive's new end. Its size and SHA-256 are known without reading the base (the prefix's digest state is
 * computed once per base and cloned); its detached signature is one RSA operation, made on first request.
 *
 * <p>Servers stream it to clients, whole or by byte range; {@link InstallerCustomizer} writes it to a file.
 * Both give the same bytes. Thread-safe; valid while the {@link BaseSet} it came from is open.
 */
public final class DonorInstaller {
    private final Platform platform;
    private final FileChannel base;
    private final long prefixLength;
    private final byte[] suffix;
    private final byte[] sha256;
    private final OperatorKey key;
    private volatile byte[] signature;

    DonorInstaller(Platform platform, FileChannel base, long prefixLength, byte[] suffix, byte[] sha256,
            OperatorKey key) {
        this.platform = platform;
        this.base = base;
        this.prefixLength = prefixLength;
        this.suffix = suffix;
        this.sha256 = sha256;
        this.key = key;
    }

    public Platform platform() {
        return platform;
    }

    /** The installer's length in bytes. */
    public long size() {
        return prefixLength + suffix.length;
    }

    /** The SHA-256 of the installer's bytes. */
    public byte[] sha256() {
        return sha256.clone();
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /**
     * The installer's detached SHA256withRSA signature by the operator key (its {@code .sig}), computed on
     * the first call and kept.
     */
    public byte[] signature() {
        byte[] made = signature;
        if (made == null) {
            made = Sha256WithRsa.signDigest(sha256, key.privateKey());
            signature = made;
        }
        return made.clone();
    }

    /** Writes every byte of the installer to {@code out}. */
    public void writeTo(WritableByteChannel out) throws IOException {
        writeTo(out, 0, size());
    }

    /**
     * Writes {@code length} bytes of the installer starting at {@code offset} to {@code out}: the part of the
     * base's prefix in that range straight from its file channel, then the part of the suffix.
     *
     * @throws IndexOutOfBoundsException if the range does not lie within the installer
     * @throws IOException               if writing fails, or the base file was cut short since it was verified
     */
    public void writeTo(WritableByteChannel out, long offset, long length) throws IOException {
        long end = offset + length;
        if (offset < 0 || length < 0 || end > size() || end < offset) {
            throw new IndexOutOfBoundsException("bytes " + offset + " to " + end + " are not within the "
                    + size() + " bytes of the installer");
        }
        long position = offset;
        long prefixEnd = Math.min(end, prefixLength);
        while (position < prefixEnd) {
            long transferred = base.transferTo(position, prefixEnd - position, out);
            if (transferred <= 0 && base.size() < prefixEnd) {
                throw new IOException("the base installer was cut short after it was verified: it has "
                        + base.size() + " bytes, the installer needs " + prefixEnd);
            }
            position += Math.max(transferred, 0);
        }
        if (end > prefixLength) {
            int from = (int) (Math.max(position, prefixLength) - prefixLength);
            ByteBuffer tail = ByteBuffer.wrap(suffix, from, (int) (end - prefixLength) - from);
            while (tail.hasRemaining()) {
                out.write(tail);
            }
        }
    }

    /** The open channel of the base file, for servers that send the prefix themselves (for example with sendfile). */
    public FileChannel prefixChannel() {
        return base;
    }

    /** How many leading bytes of the base file the installer consists of. */
    public long prefixLength() {
        return prefixLength;
    }

    /** What follows the prefix, read-only. */
    public ByteBuffer suffix() {
        return ByteBuffer.wrap(suffix).asReadOnlyBuffer();
    }
}
