package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.InputLabel;
import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.output.OutputPlan;
import io.github.seattleinstaller.builder.output.OutputPlanBuilder;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What to customize: base installers, and per donor the split to add to a copy of each. Immutable; made
 * with {@link #builder()}. Its parts are validated types (a {@link DonorName}, a {@link VesselInfo}, an
 * {@link OperatorKey}), so {@link InstallerCustomizer} checks only what depends on the files: the bases and
 * the outputs. Problems name the bases and the outputs by the labels the caller gave ({@link InputLabel}).
 */
public final class CustomizeRequest {
    /** What a problem with the manifest name calls it when its caller gives no label. */
    public static final String DEFAULT_MANIFEST_NAME_LABEL = "manifest name";

    /** What problems with a base call it when its caller gives no label. */
    public static final String DEFAULT_BASE_LABEL = "base installer";

    /**
     * A base installer and the platform it is for.
     *
     * @param label where the base came from, for problems with it ({@link InputLabel}): the file's path
     *              follows it
     */
    public record Base(Platform platform, Path file, String label) {
        public Base {
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(label, "label");
        }

        public Base(Platform platform, Path file) {
            this(platform, file, DEFAULT_BASE_LABEL);
        }

        /** The source of a problem with this base: its label and path. */
        public String source() {
            return InputLabel.of(label, file);
        }
    }

    /** A donor: the name (used in file names and classifiers) and the split of the donation. */
    public record Donor(DonorName name, VesselInfo vesselInfo) {
        public Donor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(vesselInfo, "vesselInfo");
        }
    }

    private final List<Base> bases;
    private final DonorSource donors;
    private final OutputPlan output;
    private final OperatorKey operatorKey;
    private final Optional<KeyFingerprint> expectedBaseKey;
    private final Optional<String> manifestName;
    private final String manifestNameLabel;

    private CustomizeRequest(Builder builder) {
        this.bases = List.copyOf(builder.bases);
        this.donors = builder.source != null ? builder.source : new InMemoryDonors(builder.donors);
        this.output = builder.outputPlan();
        this.operatorKey = Objects.requireNonNull(builder.operatorKey, "operatorKey is required");
        this.expectedBaseKey = Optional.ofNullable(builder.expectedBaseKey);
        this.manifestName = Optional.ofNullable(builder.manifestName);
        this.manifestNameLabel = builder.manifestNameLabel;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Base> bases() {
        return bases;
    }

    /** The donors in the order given; their names are unique ignoring case. */
    public DonorSource donors() {
        return donors;
    }

    public Path outputDirectory() {
        return output.directory();
    }

    /** Where the outputs go and the time of the entries added, with their labels. */
    public OutputPlan output() {
        return output;
    }

    /** Signs each donor's vesselinfo and each output's {@code .sig}; it must be the key the bases carry. */
    public OperatorKey operatorKey() {
        return operatorKey;
    }

    /** If present, the bases must carry an operator key with this fingerprint. */
    public Optional<KeyFingerprint> expectedBaseKey() {
        return expectedBaseKey;
    }

    /** The time of the added entries; when absent, the time of the customization. */
    public Optional<Instant> outputTimestamp() {
        return output.timestamp();
    }

    /** If present, a manifest of every installer is written beside them as {@code <name>.json} and {@code .csv}. */
    public Optional<String> manifestName() {
        return manifestName;
    }

    /** What a problem with the manifest name calls it. */
    public String manifestNameLabel() {
        return manifestNameLabel;
    }

    /** Donors given one by one, held in memory. */
    private record InMemoryDonors(List<Donor> list, List<DonorName> names) implements DonorSource {
        InMemoryDonors(List<Donor> list) {
            this(List.copyOf(list), list.stream().map(Donor::name).toList());
        }

        @Override
        public int size() {
            return list.size();
        }

        @Override
        public Stream<Donor> donors() {
            return list.stream();
        }

        @Override
        public String toString() {
            return list.size() + " donors given one by one";
        }
    }

    public static final class Builder extends OutputPlanBuilder<Builder> {
        private final List<Base> bases = new ArrayList<>();
        private final List<Donor> donors = new ArrayList<>();
        private final DonorNames names = new DonorNames();
        private DonorSource source;
        private String manifestName;
        private String manifestNameLabel = DEFAULT_MANIFEST_NAME_LABEL;
        private OperatorKey operatorKey;
        private KeyFingerprint expectedBaseKey;

        private Builder() {
        }

        public Builder base(Platform platform, Path file) {
            bases.add(new Base(platform, file));
            return this;
        }

        /** {@code label} says where the base came from, for problems with it. */
        public Builder base(Platform platform, Path file, String label) {
            bases.add(new Base(platform, file, label));
            return this;
        }

        public Builder bases(List<Base> more) {
            bases.addAll(more);
            return this;
        }

        /**
         * @throws IllegalArgumentException if the name repeats an earlier donor's ({@link DonorName#UNIQUE_RULE}):
         *         callers that take names from users check with {@link DonorNames} first, to say where
         */
        public Builder donor(DonorName name, VesselInfo vesselInfo) {
            if (source != null) {
                throw new IllegalStateException("the donors come from " + source + " already");
            }
            names.addOrRepeated(name).ifPresent(earlier -> {
                throw new IllegalArgumentException(DonorName.UNIQUE_RULE + ": '" + name + "' repeats '" + earlier + "'");
            });
            donors.add(new Donor(name, vesselInfo));
            return this;
        }

        /** Adds the donors in order, as {@link #donor} does. */
        public Builder donors(List<Donor> more) {
            more.forEach(donor -> donor(donor.name(), donor.vesselInfo()));
            return this;
        }

        /** Takes the donors from a checked source, such as donor files; instead of {@link #donor}. */
        public Builder donors(DonorSource checked) {
            if (!donors.isEmpty() || source != null) {
                throw new IllegalStateException("the donors are given already");
            }
            this.source = Objects.requireNonNull(checked, "checked");
            return this;
        }

        /**
         * Null for no manifest; else the manifest's file name without {@code .json} or {@code .csv}, a plain name
         * ({@link OutputPlan#PLAIN_NAME_RULE}).
         */
        public Builder manifestName(String name) {
            this.manifestName = name;
            return this;
        }

        /** {@code label} is what a problem with the name calls it. */
        public Builder manifestName(String name, String label) {
            this.manifestNameLabel = Objects.requireNonNull(label, "label");
            return manifestName(name);
        }

        public Builder operatorKey(OperatorKey key) {
            this.operatorKey = key;
            return this;
        }

        /** Null to accept the bases of the operator key. */
        public Builder expectedBaseKey(KeyFingerprint fingerprint) {
            this.expectedBaseKey = fingerprint;
            return this;
        }

        public CustomizeRequest build() {
            return new CustomizeRequest(this);
        }
    }
}
