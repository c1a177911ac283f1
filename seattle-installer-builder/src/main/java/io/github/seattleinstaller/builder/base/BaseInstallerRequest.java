package io.github.seattleinstaller.builder.base;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.layout.InstallerLayout;
import io.github.seattleinstaller.builder.layout.OperatorContact;
import io.github.seattleinstaller.builder.output.OutputPlan;
import io.github.seattleinstaller.builder.output.OutputPlanBuilder;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What to build base installers from. Immutable; made with {@link #builder()}. Only the presence of the
 * required values is checked here; {@link BaseInstallerBuilder} checks the files and names and reports
 * every problem at once, each naming the value by the label its caller gave ({@link
 * io.github.seattleinstaller.builder.InputLabel}).
 */
public final class BaseInstallerRequest {
    /** The values a caller can label, with what problems call them when it does not. */
    enum Input {
        OFFCUT_FILE("offcut file"),
        RESTRICTIONS_FILE("restrictions file"),
        BASE_FILE_NAME("base file name"),
        TOP_LEVEL_DIRECTORY("top-level directory");

        private final String defaultLabel;

        Input(String defaultLabel) {
            this.defaultLabel = defaultLabel;
        }
    }

    private final Path runtimeJar;
    private final List<Path> dependencyJars;
    private final Optional<Path> offcutFile;
    private final Optional<Path> restrictionsFile;
    private final OperatorKey operatorKey;
    private final OperatorContact operator;
    private final Set<Platform> platforms;
    private final OutputPlan output;
    private final String baseFileName;
    private final String topLevelDirectory;
    private final SortedMap<String, Path> extraPayload;
    private final Map<Input, String> labels;

    private BaseInstallerRequest(Builder builder) {
        this.runtimeJar = Objects.requireNonNull(builder.runtimeJar, "runtimeJar is required");
        this.dependencyJars = List.copyOf(builder.dependencyJars);
        this.offcutFile = Optional.ofNullable(builder.offcutFile);
        this.restrictionsFile = Optional.ofNullable(builder.restrictionsFile);
        this.operatorKey = Objects.requireNonNull(builder.operatorKey, "operatorKey is required");
        this.operator = builder.operator;
        Set<Platform> platforms = EnumSet.noneOf(Platform.class);
        platforms.addAll(builder.platforms);
        this.platforms = Collections.unmodifiableSet(platforms);
        this.output = builder.outputPlan();
        this.baseFileName = Objects.requireNonNull(builder.baseFileName, "baseFileName is required");
        this.topLevelDirectory = Objects.requireNonNull(builder.topLevelDirectory, "topLevelDirectory");
        this.extraPayload = new TreeMap<>(builder.extraPayload);
        this.labels = new EnumMap<>(builder.labels);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The jar the launchers run with {@code java -jar}. */
    public Path runtimeJar() {
        return runtimeJar;
    }

    /** The jars its manifest's Class-Path names, shipped beside it in {@code lib/}. */
    public List<Path> dependencyJars() {
        return dependencyJars;
    }

    /** A {@code resources.offcut} to ship instead of the runtime's default. */
    public Optional<Path> offcutFile() {
        return offcutFile;
    }

    /** A {@code vessel.restrictions} to ship instead of the runtime's default. */
    public Optional<Path> restrictionsFile() {
        return restrictionsFile;
    }

    /** The operator's key: signs the file list and every archive. */
    public OperatorKey operatorKey() {
        return operatorKey;
    }

    /** Who builds the installers, as the donor README names them; {@link OperatorContact#NONE} by default. */
    public OperatorContact operator() {
        return operator;
    }

    /** The platforms to build, in declaration order. */
    public Set<Platform> platforms() {
        return platforms;
    }

    public Path outputDirectory() {
        return output.directory();
    }

    /** Where the outputs go and the time of their entries, with their labels. */
    public OutputPlan output() {
        return output;
    }

    /** The archives are named {@code <baseFileName>-<platform>.<extension>}. */
    public String baseFileName() {
        return baseFileName;
    }

    public String topLevelDirectory() {
        return topLevelDirectory;
    }

    /** The time stamped on every entry; when absent, the time of the build (and the build is not reproducible). */
    public Optional<Instant> outputTimestamp() {
        return output.timestamp();
    }

    /** Extra files by path relative to the top-level directory (benchmarks use it to reach a given size). */
    public SortedMap<String, Path> extraPayload() {
        return new TreeMap<>(extraPayload);
    }

    /** What problems call the value: the caller's label, or a plain description. */
    String label(Input input) {
        return labels.getOrDefault(input, input.defaultLabel);
    }

    public static final class Builder extends OutputPlanBuilder<Builder> {
        private Path runtimeJar;
        private List<Path> dependencyJars = List.of();
        private Path offcutFile;
        private Path restrictionsFile;
        private OperatorKey operatorKey;
        private OperatorContact operator = OperatorContact.NONE;
        private Set<Platform> platforms = EnumSet.allOf(Platform.class);
        private String baseFileName;
        private String topLevelDirectory = InstallerLayout.DEFAULT_TOP_LEVEL_DIRECTORY;
        private Map<String, Path> extraPayload = Map.of();
        private final Map<Input, String> labels = new EnumMap<>(Input.class);

        private Builder() {
        }

        public Builder runtimeJar(Path jar) {
            this.runtimeJar = jar;
            return this;
        }

        public Builder dependencyJars(Collection<Path> jars) {
            this.dependencyJars = List.copyOf(jars);
            return this;
        }

        /** Null for the runtime's default. */
        public Builder offcutFile(Path file) {
            this.offcutFile = file;
            return this;
        }

        /** Null for the runtime's default; {@code label} is what problems with the file call it. */
        public Builder offcutFile(Path file, String label) {
            labels.put(Input.OFFCUT_FILE, Objects.requireNonNull(label, "label"));
            return offcutFile(file);
        }

        /** Null for the runtime's default. */
        public Builder restrictionsFile(Path file) {
            this.restrictionsFile = file;
            return this;
        }

        /** Null for the runtime's default; {@code label} is what problems with the file call it. */
        public Builder restrictionsFile(Path file, String label) {
            labels.put(Input.RESTRICTIONS_FILE, Objects.requireNonNull(label, "label"));
            return restrictionsFile(file);
        }

        public Builder operatorKey(OperatorKey key) {
            this.operatorKey = key;
            return this;
        }

        /** Who builds the installers, for the donor README. */
        public Builder operator(OperatorContact contact) {
            this.operator = Objects.requireNonNull(contact, "contact");
            return this;
        }

        public Builder platforms(Collection<Platform> wanted) {
            this.platforms = Set.copyOf(wanted);
            return this;
        }

        public Builder baseFileName(String name) {
            this.baseFileName = name;
            return this;
        }

        /** {@code label} is what a problem with the name calls it. */
        public Builder baseFileName(String name, String label) {
            labels.put(Input.BASE_FILE_NAME, Objects.requireNonNull(label, "label"));
            return baseFileName(name);
        }

        public Builder topLevelDirectory(String name) {
            this.topLevelDirectory = name;
            return this;
        }

        /** {@code label} is what a problem with the name calls it. */
        public Builder topLevelDirectory(String name, String label) {
            labels.put(Input.TOP_LEVEL_DIRECTORY, Objects.requireNonNull(label, "label"));
            return topLevelDirectory(name);
        }

        public Builder extraPayload(Map<String, Path> files) {
            this.extraPayload = Map.copyOf(files);
            return this;
        }

        public BaseInstallerRequest build() {
            return new BaseInstallerRequest(this);
        }
    }
}
