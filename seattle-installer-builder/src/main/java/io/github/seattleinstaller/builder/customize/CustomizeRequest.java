package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to customize: base installers, and per donor the {@code vesselinfo} to add to a copy of each.
 * Immutable; made with {@link #builder()}. The names and files are checked by {@link InstallerCustomizer},
 * which reports every problem at once.
 */
public final class CustomizeRequest {
    /** A base installer and the platform it is for. */
    public record Base(Platform platform, Path file) {
        public Base {
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(file, "file");
        }
    }

    /** A donor's name (used in file names and classifiers) and the already validated vesselinfo text. */
    public record Donor(String name, byte[] vesselinfo) {
        public Donor {
            Objects.requireNonNull(name, "name");
            vesselinfo = vesselinfo.clone();
        }

        @Override
        public byte[] vesselinfo() {
            return vesselinfo.clone();
        }
    }

    private final List<Base> bases;
    private final List<Donor> donors;
    private final Path outputDirectory;
    private final KeyPair signingKey;
    private final Optional<KeyFingerprint> expectedBaseKey;
    private final Optional<Instant> outputTimestamp;

    private CustomizeRequest(Builder builder) {
        this.bases = List.copyOf(builder.bases);
        this.donors = List.copyOf(builder.donors);
        this.outputDirectory = Objects.requireNonNull(builder.outputDirectory, "outputDirectory is required");
        this.signingKey = Objects.requireNonNull(builder.signingKey, "signingKey is required");
        this.expectedBaseKey = Optional.ofNullable(builder.expectedBaseKey);
        this.outputTimestamp = Optional.ofNullable(builder.outputTimestamp);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Base> bases() {
        return bases;
    }

    /** The donors in the order given. */
    public List<Donor> donors() {
        return donors;
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    /** Signs each output's {@code .sig}; it must be the operator key the bases carry. */
    public KeyPair signingKey() {
        return signingKey;
    }

    /** If present, the bases must carry an operator key with this fingerprint. */
    public Optional<KeyFingerprint> expectedBaseKey() {
        return expectedBaseKey;
    }

    /** The time of the added {@code vesselinfo} entry; when absent, the time of the customization. */
    public Optional<Instant> outputTimestamp() {
        return outputTimestamp;
    }

    public static final class Builder {
        private final List<Base> bases = new ArrayList<>();
        private final List<Donor> donors = new ArrayList<>();
        private Path outputDirectory;
        private KeyPair signingKey;
        private KeyFingerprint expectedBaseKey;
        private Instant outputTimestamp;

        private Builder() {
        }

        public Builder base(Platform platform, Path file) {
            bases.add(new Base(platform, file));
            return this;
        }

        public Builder donor(String name, byte[] vesselinfo) {
            donors.add(new Donor(name, vesselinfo));
            return this;
        }

        /** Adds the donors in the map's iteration order (use an ordered map). */
        public Builder donors(Map<String, byte[]> vesselinfoByDonor) {
            vesselinfoByDonor.forEach(this::donor);
            return this;
        }

        public Builder outputDirectory(Path directory) {
            this.outputDirectory = directory;
            return this;
        }

        public Builder signingKey(KeyPair key) {
            this.signingKey = key;
            return this;
        }

        /** Null to accept any operator key whose signatures verify. */
        public Builder expectedBaseKey(KeyFingerprint fingerprint) {
            this.expectedBaseKey = fingerprint;
            return this;
        }

        /** Null for the time of the customization. */
        public Builder outputTimestamp(Instant time) {
            this.outputTimestamp = time;
            return this;
        }

        public CustomizeRequest build() {
            return new CustomizeRequest(this);
        }
    }
}
