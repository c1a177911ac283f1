package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.archive.AddedFile;
import io.github.seattleinstaller.builder.archive.ArchiveFormat;
import io.github.seattleinstaller.builder.archive.TarGzInstallers;
import io.github.seattleinstaller.builder.archive.UnsuitableBaseException;
import io.github.seattleinstaller.builder.archive.ZipInstallers;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.layout.InstallerLayout;
import io.github.seattleinstaller.builder.verify.InstallerReport;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A verified base installer, held open, ready to be copied for any number of donors. A copy is the base's
 * first {@link #prefixLength} bytes, unchanged, then a short per-donor suffix; the SHA-256 state of that
 * prefix is computed once here, so each copy only hashes its suffix. Thread-safe: copies read the channel
 * by position only.
 */
final class PreparedBase implements Closeable {
    private static final String VERIFIED_RULE = "a base installer passes verification";
    private static final String CUSTOMIZABLE_RULE = "a base installer is one this builder made, without vesselinfo";

    private final BaseInfo info;
    private final String vesselinfoEntryName;
    private final String signatureEntryName;
    private final FileChannel channel;
    private final long prefixLength;
    private final MessageDigest prefixDigest;
    private final SuffixWriter suffixWriter;

    /** The format-specific end of a copy. */
    @FunctionalInterface
    private interface SuffixWriter {
        byte[] suffix(List<AddedFile> files, Instant time) throws IOException;
    }

    private PreparedBase(BaseInfo info, FileChannel channel, long prefixLength, MessageDigest prefixDigest,
            SuffixWriter suffixWriter) {
        this.info = info;
        this.vesselinfoEntryName = InstallerLayout.vesselinfoEntryName(info.topLevelDirectory());
        this.signatureEntryName = InstallerLayout.vesselinfoSignatureEntryName(info.topLevelDirectory());
        this.channel = channel;
        this.prefixLength = prefixLength;
        this.prefixDigest = prefixDigest;
        this.suffixWriter = suffixWriter;
    }

    /**
     * Verifies the base and prepares it, or adds every reason why it cannot be used to {@code problems}.
     *
     * @param operatorKey the key the outputs are signed with, which the base must carry
     */
    static Optional<PreparedBase> prepare(CustomizeRequest.Base base, InstallerVerifier verifier,
            Optional<KeyFingerprint> expectedKey, KeyFingerprint operatorKey, List<InputProblem> problems)
            throws IOException {
        Path file = base.file();
        String source = base.source();
        Optional<String> baseName = base.platform().baseNameOf(file.getFileName().toString());
        if (baseName.isEmpty()) {
            problems.add(InputProblem.whole(source, "a " + base.platform() + " base installer is named <name>"
                    + base.platform().fileNameSuffix(), "its name does not end so"));
        }
        if (!Files.isRegularFile(file)) {
            problems.add(InputProblem.whole(source, "a base installer is a readable file", "no such file"));
            return Optional.empty();
        }
        // Opened before verifying: copies are made from the bytes verified even if the file is replaced meanwhile.
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            Optional<PreparedBase> prepared = prepare(base, baseName, channel, verifier.examine(file, expectedKey),
                    operatorKey, problems);
            if (prepared.isEmpty()) {
                channel.close();
            }
            return prepared;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Optional<PreparedBase> prepare(CustomizeRequest.Base base, Optional<String> baseName,
            FileChannel channel, InstallerReport report, KeyFingerprint operatorKey, List<InputProblem> problems)
            throws IOException {
        String source = base.source();
        int problemsBefore = problems.size();
        report.problems().forEach(problem -> problems.add(InputProblem.whole(source, VERIFIED_RULE, problem)));
        if (report.hasVesselinfo()) {
            problems.add(InputProblem.whole(source, CUSTOMIZABLE_RULE,
                    "it already carries a vesselinfo: it is a customized installer"));
        }
        if (report.operatorKey().isPresent() && !report.operatorKey().get().equals(operatorKey)) {
            problems.add(InputProblem.whole(source, "the outputs are signed with the operator key the base carries",
                    "the base carries " + report.operatorKey().get() + ", the signing key is " + operatorKey));
        }
        if (problems.size() > problemsBefore || baseName.isEmpty()) {
            return Optional.empty();
        }
        long prefixLength;
        SuffixWriter suffixWriter;
        try {
            if (base.platform().format() == ArchiveFormat.TAR_GZ) {
                prefixLength = TarGzInstallers.customizablePrefixLength(channel,
                        report.tarBytesAfterLastEntry().orElse(-1));
                suffixWriter = (files, time) -> TarGzInstallers.appendedMember(files, InstallerLayout.FILE_MODE, time);
            } else {
                ZipInstallers.CustomizableZip layout = ZipInstallers.readLayout(channel);
                prefixLength = layout.prefixLength();
                suffixWriter = (files, time) -> layout.suffixWithFiles(files, InstallerLayout.FILE_MODE, time);
            }
        } catch (UnsuitableBaseException unsuitable) {
            problems.add(InputProblem.whole(source, CUSTOMIZABLE_RULE,
                    "it cannot be customized without recompressing: " + unsuitable.getMessage()));
            return Optional.empty();
        }
        MessageDigest prefixDigest = FileDigest.newSha256();
        MessageDigest wholeDigest = digestPrefixThenRest(channel, prefixLength, prefixDigest);
        if (!HexFormat.of().formatHex(wholeDigest.digest()).equals(report.archiveSha256())) {
            problems.add(InputProblem.whole(source, VERIFIED_RULE, "it changed while it was being verified"));
            return Optional.empty();
        }
        BaseInfo info = new BaseInfo(base.platform(), base.file(), channel.size(), report.archiveSha256(),
                baseName.get(), report.topLevelDirectory().orElseThrow());
        return Optional.of(new PreparedBase(info, channel, prefixLength, prefixDigest, suffixWriter));
    }

    /**
     * Reads the whole file once: {@code prefixDigest} is left holding the state after the first
     * {@code prefixLength} bytes; the returned digest has seen every byte.
     */
    private static MessageDigest digestPrefixThenRest(FileChannel channel, long prefixLength,
            MessageDigest prefixDigest) throws IOException {
        MessageDigest whole = FileDigest.newSha256();
        ByteBuffer buffer = ByteBuffer.allocate(1024 * 1024);
        long position = 0;
        long size = channel.size();
        while (position < size) {
            buffer.clear();
            if (position < prefixLength) {
                buffer.limit((int) Math.min(buffer.capacity(), prefixLength - position));
            }
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("the base ended early");
            }
            buffer.flip();
            if (position < prefixLength) {
                prefixDigest.update(buffer.duplicate());
            }
            whole.update(buffer);
            position += read;
        }
        return whole;
    }

    BaseInfo info() {
        return info;
    }

    /**
     * A donor's copy: this base's prefix, then the donor's vesselinfo and its signature dated {@code time}.
     * No I/O and no RSA operation: the suffix is built in memory and only it is hashed.
     */
    DonorInstaller customize(SignedVesselInfo vesselInfo, Instant time, OperatorKey key) throws IOException {
        byte[] suffix = suffixWriter.suffix(List.of(new AddedFile(vesselinfoEntryName, vesselInfo.textUnsafe()),
                new AddedFile(signatureEntryName, vesselInfo.signatureUnsafe())), time);
        MessageDigest digest = copyOf(prefixDigest);
        digest.update(suffix);
        return new DonorInstaller(info.platform(), channel, prefixLength, suffix, digest.digest(), key);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static MessageDigest copyOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 implementation cannot copy its state", e);
        }
    }
}
