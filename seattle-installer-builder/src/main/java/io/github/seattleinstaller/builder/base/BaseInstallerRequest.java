package io.github.seattleinstaller.builder.base;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.layout.InstallerLayout;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
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
 * every problem at once.
 */
public final class BaseInstallerRequest {
    private final Path runtimeJar;
    private final List<Path> dependencyJars;
    private final Optional<Path> offcutFile;
    private final Optional<Path> restrictionsFile;
    private final OperatorKey operatorKey;
    private final Set<Platform> platforms;
    private final Path outputDirectory;
    private final String baseFileName;
    private final String topLevelDirectory;
    private final Optional<Instant> outputTimestamp;
    private final SortedMap<String, Path> extraPayload;

    private BaseInstallerRequest(Builder builder) {
        this.runtimeJar = Objects.requireNonNull(builder.runtimeJar, "runtimeJar is required");
        this.dependencyJars = List.copyOf(builder.dependencyJars);
        this.offcutFile = Optional.ofNullable(builder.offcutFile);
        this.restrictionsFile = Optional.ofNullable(builder.restrictionsFile);
        this.operatorKey = Objects.requireNonNull(builder.operatorKey, "operatorKey is required");
        Set<Platform> platforms = EnumSet.noneOf(Platform.class);
        platforms.addAll(builder.platforms);
        this.platforms = Collections.unmodifiableSet(platforms);
        this.outputDirectory = Objects.requireNonNull(builder.outputDirectory, "outputDirectory is required");
        this.baseFileName = Objects.requireNonNull(builder.baseFileName, "baseFileName is required");
        this.topLevelDirectory = Objects.requireNonNull(builder.topLevelDirectory, "topLevelDirectory");
        this.outputTimestamp = Optional.ofNullable(builder.outputTimestamp);
        this.extraPayload = new TreeMap<>(builder.extraPayload);
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

    /** The platforms to build, in declaration order. */
    public Set<Platform> platforms() {
        return platforms;
    }

    public Path outputDirectory() {
        return outputDirectory;
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
        return outputTimestamp;
    }

    /** Extra files by path relative to the top-level directory (benchmarks use it to reach a given size). */
    public SortedMap<String, Path> extraPayload() {
        return new TreeMap<>(extraPayload);
    }

    public static final class Builder {
        private Path runtimeJar;
        private List<Path> dependencyJars = List.of();
        private Path offcutFile;
        private Path restrictionsFile;
        private OperatorKey operatorKey;
        private Set<Platform> platforms = EnumSet.allOf(Platform.class);
        private Path outputDirectory;
        private String baseFileName;
        private String topLevelDirectory = InstallerLayout.DEFAULT_TOP_LEVEL_DIRECTORY;
        private Instant outputTimestamp;
        private Map<String, Path> extraPayload = Map.of();

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

        /** Null for the runtime's default. */
        public Builder restrictionsFile(Path file) {
            this.restrictionsFile = file;
            return this;
        }

        public Builder operatorKey(OperatorKey key) {
            this.operatorKey = key;
            return this;
        }

        public Builder platforms(Collection<Platform> wanted) {
            this.platforms = Set.copyOf(wanted);
            return this;
        }

        public Builder outputDirectory(Path directory) {
            this.outputDirectory = directory;
            return this;
        }

        public Builder baseFileName(String name) {
            this.baseFileName = name;
            return this;
        }

        public Builder topLevelDirectory(String name) {
            this.topLevelDirectory = name;
            return this;
        }

        /** Null for the time of the build. */
        public Builder outputTimestamp(Instant time) {
            this.outputTimestamp = time;
            return this;
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
