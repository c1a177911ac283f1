package io.github.seattleinstaller.service.core;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.archive.ArchiveFormat;
import io.github.seattleinstaller.builder.archive.TarGzInstallers;
import io.github.seattleinstaller.builder.archive.UnsuitableBaseException;
import io.github.seattleinstaller.builder.archive.ZipInstallers;
import io.github.seattleinstaller.builder.customize.CustomizeRequest;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.layout.InstallerLayout;
import io.github.seattleinstaller.builder.verify.InstallerReport;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * STAND-IN, to be deleted when the core's streaming customization lands on main: the three types the lead
 * is adding to {@code builder.customize} (BaseSet, SignedVesselInfo, DonorInstaller), with exactly the
 * signatures announced, built from the core's public pieces (verifier, tar.gz and zip suffix writers).
 * The service imports them from here only; the merge swaps the imports and removes this file.
 */
public final class InterimCore {
    private InterimCore() {
    }

    /** A VesselInfo with the operator's signature of its canonical text. */
    public static final class SignedVesselInfo {
        private final VesselInfo vesselInfo;
        private final byte[] text;
        private final byte[] signature;
        private final KeyFingerprint signer;

        private SignedVesselInfo(VesselInfo vesselInfo, byte[] text, byte[] signature, KeyFingerprint signer) {
            this.vesselInfo = vesselInfo;
            this.text = text;
            this.signature = signature;
            this.signer = signer;
        }

        public static SignedVesselInfo sign(VesselInfo vesselInfo, OperatorKey key) {
            byte[] text = vesselInfo.toText().getBytes(StandardCharsets.UTF_8);
            return new SignedVesselInfo(vesselInfo, text, Sha256WithRsa.sign(text, key.privateKey()),
                    key.fingerprint());
        }

        /** @throws IllegalArgumentException when the signature does not verify */
        public static SignedVesselInfo restore(VesselInfo vesselInfo, byte[] signature, PublicKey operatorKey) {
            byte[] text = vesselInfo.toText().getBytes(StandardCharsets.UTF_8);
            if (!Sha256WithRsa.verifies(text, signature, operatorKey)) {
                throw new IllegalArgumentException("the vesselinfo signature does not verify with the operator key "
                        + KeyFingerprint.of(operatorKey));
            }
            return new SignedVesselInfo(vesselInfo, text, signature.clone(), KeyFingerprint.of(operatorKey));
        }

        public VesselInfo vesselInfo() {
            return vesselInfo;
        }

        public byte[] text() {
            return text.clone();
        }

        public byte[] signature() {
            return signature.clone();
        }

        public KeyFingerprint signer() {
            return signer;
        }
    }

    /** One verified base. */
    public record BaseInfo(Path file, long size, String sha256Hex, String baseName) {
    }

    /** Verified bases, one per platform, held open. */
    public static final class BaseSet implements AutoCloseable {
        private final Map<Platform, Prepared> bases;
        private final OperatorKey operatorKey;
        private final String id;

        private BaseSet(Map<Platform, Prepared> bases, OperatorKey operatorKey) {
            this.bases = bases;
            this.operatorKey = operatorKey;
            MessageDigest digest = FileDigest.newSha256();
            bases.forEach((platform, base) -> digest.update((platform.classifier() + " " + base.info.sha256Hex()
                    + "\n").getBytes(StandardCharsets.US_ASCII)));
            this.id = HexFormat.of().formatHex(digest.digest());
        }

        public static BaseSet open(List<CustomizeRequest.Base> bases, OperatorKey key,
                Optional<KeyFingerprint> expectedKey, ProgressLog log) throws IOException, InvalidInputException {
            List<InputProblem> problems = new ArrayList<>();
            Map<Platform, Prepared> prepared = new EnumMap<>(Platform.class);
            InstallerVerifier verifier = new InstallerVerifier();
            try {
                if (bases.isEmpty()) {
                    problems.add(InputProblem.whole("<bases>", "at least one base installer", "none given"));
                }
                for (CustomizeRequest.Base base : bases) {
                    if (prepared.containsKey(base.platform())) {
                        problems.add(InputProblem.whole(base.file().toString(), "one base installer per platform",
                                "a second " + base.platform() + " base"));
                        continue;
                    }
                    Prepared one = Prepared.of(base, verifier, expectedKey, key.fingerprint(), problems);
                    if (one != null) {
                        prepared.put(base.platform(), one);
                    }
                }
                if (!problems.isEmpty()) {
                    throw new InvalidInputException("Cannot use the base installers", problems);
                }
            } catch (IOException | InvalidInputException | RuntimeException e) {
                for (Prepared one : prepared.values()) {
                    one.channel.close();
                }
                throw e;
            }
            prepared.values().forEach(one -> log.info("Base " + one.info.file() + " (" + one.info.size() + " bytes, sha256 "
                    + one.info.sha256Hex() + ") verified"));
            return new BaseSet(prepared, key);
        }

        public List<Platform> platforms() {
            return List.copyOf(bases.keySet());
        }

        public OperatorKey operatorKey() {
            return operatorKey;
        }

        public String id() {
            return id;
        }

        public BaseInfo base(Platform platform) {
            return prepared(platform).info;
        }

        /** Cheap: no I/O, no RSA. */
        public DonorInstaller customize(Platform platform, SignedVesselInfo vesselInfo, Instant entryTime) {
            Prepared base = prepared(platform);
            try {
                byte[] suffix = base.suffix(vesselInfo.text(), entryTime);
                return new DonorInstaller(platform, base.channel, base.prefixLength, base.prefixDigest, suffix,
                        operatorKey);
            } catch (IOException e) {
                throw new IllegalStateException("cannot make the suffix: " + e.getMessage(), e);
            }
        }

        private Prepared prepared(Platform platform) {
            Prepared base = bases.get(platform);
            if (base == null) {
                throw new IllegalArgumentException("no " + platform + " base in this set");
            }
            return base;
        }

        @Override
        public void close() throws IOException {
            for (Prepared base : bases.values()) {
                base.channel.close();
            }
        }
    }

    /** One donor's installer as bytes not yet written anywhere: the base's prefix, then the suffix. */
    public static final class DonorInstaller {
        private final Platform platform;
        private final FileChannel prefix;
        private final long prefixLength;
        private final MessageDigest prefixDigest;
        private final byte[] suffix;
        private final OperatorKey key;
        private volatile byte[] signature;

        private DonorInstaller(Platform platform, FileChannel prefix, long prefixLength, MessageDigest prefixDigest,
                byte[] suffix, OperatorKey key) {
            this.platform = platform;
            this.prefix = prefix;
            this.prefixLength = prefixLength;
            this.prefixDigest = prefixDigest;
            this.suffix = suffix;
            this.key = key;
        }

        public Platform platform() {
            return platform;
        }

        public long size() {
            return prefixLength + suffix.length;
        }

        public byte[] sha256() {
            try {
                MessageDigest digest = (MessageDigest) prefixDigest.clone();
                digest.update(suffix);
                return digest.digest();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the SHA-256 implementation cannot copy its state", e);
            }
        }

        public String sha256Hex() {
            return HexFormat.of().formatHex(sha256());
        }

        public byte[] signature() {
            byte[] made = signature;
            if (made == null) {
                made = Sha256WithRsa.signDigest(sha256(), key.privateKey());
                signature = made;
            }
            return made.clone();
        }

        public void writeTo(WritableByteChannel out) throws IOException {
            writeTo(out, 0, size());
        }

        public void writeTo(WritableByteChannel out, long offset, long length) throws IOException {
            if (offset < 0 || length < 0 || offset + length > size()) {
                throw new IllegalArgumentException("range " + offset + "+" + length + " outside 0.." + size());
            }
            long end = offset + length;
            for (long at = offset; at < Math.min(end, prefixLength); ) {
                long sent = prefix.transferTo(at, Math.min(end, prefixLength) - at, out);
                if (sent <= 0) {
                    throw new IOException("the base ended early at byte " + at);
                }
                at += sent;
            }
            if (end > prefixLength) {
                ByteBuffer tail = ByteBuffer.wrap(suffix, (int) Math.max(0, offset - prefixLength),
                        (int) (end - Math.max(offset, prefixLength)));
                while (tail.hasRemaining()) {
                    out.write(tail);
                }
            }
        }

        public FileChannel prefixChannel() {
            return prefix;
        }

        public long prefixLength() {
            return prefixLength;
        }

        public ByteBuffer suffix() {
            return ByteBuffer.wrap(suffix).asReadOnlyBuffer();
        }
    }

    private static final class Prepared {
        private final BaseInfo info;
        private final FileChannel channel;
        private final long prefixLength;
        private final MessageDigest prefixDigest;
        private final String entryName;
        private final ArchiveFormat format;
        private final ZipInstallers.CustomizableZip zip;

        private Prepared(BaseInfo info, FileChannel channel, long prefixLength, MessageDigest prefixDigest,
                String entryName, ArchiveFormat format, ZipInstallers.CustomizableZip zip) {
            this.info = info;
            this.channel = channel;
            this.prefixLength = prefixLength;
            this.prefixDigest = prefixDigest;
            this.entryName = entryName;
            this.format = format;
            this.zip = zip;
        }

        byte[] suffix(byte[] vesselinfo, Instant time) throws IOException {
            return format == ArchiveFormat.TAR_GZ
                    ? TarGzInstallers.appendedMember(entryName, vesselinfo, InstallerLayout.FILE_MODE, time)
                    : zip.suffixWithEntry(entryName, vesselinfo, InstallerLayout.FILE_MODE, time);
        }

        static Prepared of(CustomizeRequest.Base base, InstallerVerifier verifier, Optional<KeyFingerprint> expected,
                KeyFingerprint operatorKey, List<InputProblem> problems) throws IOException {
            String source = base.file().toString();
            Optional<String> baseName = base.platform().baseNameOf(base.file().getFileName().toString());
            if (baseName.isEmpty()) {
                problems.add(InputProblem.whole(source, "a " + base.platform() + " base installer is named <name>"
                        + base.platform().fileNameSuffix(), "its name does not end so"));
                return null;
            }
            FileChannel channel = FileChannel.open(base.file(), StandardOpenOption.READ);
            boolean kept = false;
            try {
                InstallerReport report = verifier.examine(base.file(), expected);
                int before = problems.size();
                report.problems().forEach(problem -> problems.add(InputProblem.whole(source,
                        "a base installer passes verification", problem)));
                if (report.hasVesselinfo()) {
                    problems.add(InputProblem.whole(source, "a base installer has no vesselinfo",
                            "it already carries one: it is a customized installer"));
                }
                if (report.operatorKey().isPresent() && !report.operatorKey().get().equals(operatorKey)) {
                    problems.add(InputProblem.whole(source, "the base carries the service's operator key",
                            "it carries " + report.operatorKey().get() + ", the service signs with " + operatorKey));
                }
                if (problems.size() > before) {
                    return null;
                }
                long prefixLength;
                ZipInstallers.CustomizableZip zip = null;
                try {
                    if (base.platform().format() == ArchiveFormat.TAR_GZ) {
                        prefixLength = TarGzInstallers.customizablePrefixLength(channel,
                                report.tarBytesAfterLastEntry().orElse(-1));
                    } else {
                        zip = ZipInstallers.readLayout(channel);
                        prefixLength = zip.prefixLength();
                    }
                } catch (UnsuitableBaseException unsuitable) {
                    problems.add(InputProblem.whole(source, "a base installer can be customized",
                            unsuitable.getMessage()));
                    return null;
                }
                MessageDigest prefixDigest = FileDigest.newSha256();
                ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
                for (long at = 0; at < prefixLength; ) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), prefixLength - at));
                    int read = channel.read(buffer, at);
                    if (read < 0) {
                        throw new IOException(source + " ended early");
                    }
                    buffer.flip();
                    prefixDigest.update(buffer);
                    at += read;
                }
                kept = true;
                return new Prepared(new BaseInfo(base.file(), channel.size(), report.archiveSha256(), baseName.get()),
                        channel, prefixLength, prefixDigest,
                        InstallerLayout.vesselinfoEntryName(report.topLevelDirectory().orElseThrow()),
                        base.platform().format(), zip);
            } finally {
                if (!kept) {
                    channel.close();
                }
            }
        }
    }
}
