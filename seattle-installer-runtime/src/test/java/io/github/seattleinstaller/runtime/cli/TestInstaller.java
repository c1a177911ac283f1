package io.github.seattleinstaller.runtime.cli;

import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.filelist.SignedFileList;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;
import io.github.seattleinstaller.runtime.resources.Offcut;
import io.github.seattleinstaller.runtime.resources.Resource;
import io.github.seattleinstaller.runtime.resources.VesselRestrictions;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;

import io.github.seattleinstaller.runtime.benchmark.Benchmark;
import io.github.seattleinstaller.runtime.benchmark.MeasurementContext;
import io.github.seattleinstaller.runtime.benchmark.ResourceMeasurement;
import io.github.seattleinstaller.runtime.resources.ResourceAmounts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An extracted installer as the builder lays it out (launcher, lib/, offcut, restrictions, operator key,
 * signed file list) with a vesselinfo of the reference's worked example, signed by the operator key as
 * customization signs it ({@code vesselinfo.sig}): an 80% vessel with an owner and a
 * user, a 20% vessel with an owner.
 */
final class TestInstaller {
    static final KeyPair OPERATOR = generate(2048);
    static final SeattlePublicKey DONOR = SeattlePublicKey.from((RSAPublicKey) generate(1024).getPublic());
    static final SeattlePublicKey RESEARCHER = SeattlePublicKey.from((RSAPublicKey) generate(1024).getPublic());
    static final SeattlePublicKey RESERVED = SeattlePublicKey.from((RSAPublicKey) OPERATOR.getPublic());

    final Path directory;

    private TestInstaller(Path directory) {
        this.directory = directory;
    }

    /** Writes the installer into {@code parent/seattle}. */
    static TestInstaller create(Path parent) throws Exception {
        Path directory = Files.createDirectories(parent.resolve("seattle"));
        Files.createDirectories(directory.resolve("lib"));
        Files.writeString(directory.resolve("install.sh"), "#!/bin/sh\nexec java -jar lib/runtime.jar \"$@\"\n");
        Files.write(directory.resolve("lib/seattle-installer-runtime.jar"), new byte[] {'P', 'K', 3, 4});
        Files.writeString(directory.resolve(Offcut.FILE_NAME), Offcut.defaultText());
        Files.writeString(directory.resolve(VesselRestrictions.FILE_NAME), VesselRestrictions.defaultText());
        Files.writeString(directory.resolve(SignedFileList.PUBLIC_KEY_FILE_NAME),
                PublicKeyPem.encode((RSAPublicKey) OPERATOR.getPublic()));
        TestInstaller installer = new TestInstaller(directory);
        installer.sign();
        installer.writeVesselInfo(VesselInfo.of("test", List.of(
                new VesselSpec(80, DONOR, List.of(RESEARCHER)),
                new VesselSpec(20, RESERVED, List.of()))).toText());
        return installer;
    }

    /** Signs every file present, as the builder does. */
    void sign() throws IOException {
        Map<String, FileDigest> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                String relative = directory.relativize(file).toString().replace('\\', '/');
                if (!SignedFileList.UNSIGNED_FILES.contains(relative)) {
                    files.put(relative, FileDigest.of(file));
                }
            }
        }
        SignedFileList list = SignedFileList.of(files);
        Files.write(directory.resolve(SignedFileList.FILE_NAME), list.toBytes());
        Files.write(directory.resolve(SignedFileList.SIGNATURE_FILE_NAME), list.sign(OPERATOR.getPrivate()));
    }

    /** Writes a vesselinfo and its signature by the operator key, as customization does. */
    void writeVesselInfo(String text) throws IOException {
        Files.writeString(vesselInfo(), text);
        Files.write(vesselInfoSignature(), Sha256WithRsa.sign(Files.readAllBytes(vesselInfo()), OPERATOR.getPrivate()));
    }

    /** Writes a vesselinfo and leaves its signature as it is: what someone swapping the vesselinfo does. */
    void replaceVesselInfoOnly(String text) throws IOException {
        Files.writeString(vesselInfo(), text);
    }

    Path vesselInfo() {
        return directory.resolve(SignedFileList.VESSELINFO_FILE_NAME);
    }

    Path vesselInfoSignature() {
        return directory.resolve(SignedFileList.VESSELINFO_SIGNATURE_FILE_NAME);
    }

    /** Runs the installer's main on this installer with the given benchmark; the console text goes to console. */
    int run(ByteArrayOutputStream console, Benchmark benchmark, String... args) {
        List<String> all = new ArrayList<>(List.of("--installer-dir", directory.toString()));
        all.addAll(List.of(args));
        return InstallerMain.run(all.toArray(String[]::new), new PrintStream(console, true, StandardCharsets.UTF_8),
                benchmark);
    }

    /**
     * A benchmark that gives every resource its default at once, counting its runs and recording the
     * directory it was given to measure in (the scratch directory), which it sees existing.
     */
    static Benchmark defaultsBenchmark(AtomicInteger runs, List<Path> measuredIn) {
        return benchmarkGiving(context -> {
            runs.incrementAndGet();
            if (Files.isDirectory(context.directory())) {
                measuredIn.add(context.directory());
            }
            return ResourceAmounts.defaults().asMap();
        });
    }

    /** A benchmark of one measurement of every resource, which returns what {@code values} gives. */
    static Benchmark benchmarkGiving(Function<MeasurementContext, Map<Resource, Double>> values) {
        ResourceMeasurement everything = new ResourceMeasurement() {
            @Override
            public String description() {
                return "test figures";
            }

            @Override
            public Set<Resource> resources() {
                return EnumSet.allOf(Resource.class);
            }

            @Override
            public Map<Resource, Double> measure(MeasurementContext context) {
                return values.apply(context);
            }
        };
        return new Benchmark(List.of(everything), Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    Path stateDirectory() {
        return directory.resolve(InstallerOptions.DEFAULT_INSTALL_DIRECTORY_NAME);
    }

    /** A maxima file with every resource at the reference's default, so that section 9's figures apply. */
    static Path defaultMaxima(Path directory) throws IOException {
        StringBuilder text = new StringBuilder("# every resource at Seattle's default\n");
        for (Resource resource : Resource.values()) {
            text.append("resource ").append(resource.seattleName()).append(' ')
                    .append(new java.math.BigDecimal(resource.defaultMaximum()).toPlainString()).append('\n');
        }
        return Files.writeString(directory.resolve("maxima"), text);
    }

    private static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
