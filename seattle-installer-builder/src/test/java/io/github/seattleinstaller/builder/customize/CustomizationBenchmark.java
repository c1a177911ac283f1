package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.base.BaseInstallerBuilder;
import io.github.seattleinstaller.builder.base.BaseInstallerResult;
import io.github.seattleinstaller.builder.testing.TestInstallers;
import io.github.seattleinstaller.builder.testing.TestKeys;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * How fast customization is, compared with copying the base file. Run it with:
 *
 * <pre>
 * ./mvnw -B -pl seattle-installer-builder -am test -Dbenchmark=true -Dtest=CustomizationBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>It builds bases of about 5 MB and 50 MB (the extra payload is random, so incompressible) and prints,
 * per platform: the time of {@code Files.copy} of the base, the time of one customization (one donor's
 * archive, {@code .sha256} and {@code .sig}), their ratio, customizations per second, and the one-time cost
 * of verifying and preparing the base. The customization time is the difference between runs with many
 * donors and with one, divided by the extra donors, so that the one-time cost drops out. Copies and
 * customizations alternate in rounds, so both meet the same disk and machine load; times and the ratio are
 * medians, the best ratio compares the fastest runs (a shared disk stalls now and then for about a second,
 * whichever is running). Nothing is asserted. The table is also written to {@code target/customization-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class CustomizationBenchmark {
    private static final VesselInfo VESSELINFO = InstallerCustomizerTest.vesselInfo(
            "Percent 100\nOwner 65537 1234567890123456789\n");

    private static final int ROUNDS = 9;

    @TempDir
    Path temp;

    @Test
    void customizationAgainstCopying() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(String.format("%-8s %-8s %10s %9s %13s %7s %12s %17s %12s", "base", "platform", "base bytes",
                "copy ms", "customize ms", "ratio", "best ratio", "customizations/s", "one-time ms"));
        for (int megabytes : new int[] {5, 50}) {
            Map<Platform, Path> bases = buildBases(megabytes);
            int donors = megabytes == 5 ? 40 : 8;
            for (Platform platform : Platform.values()) {
                Path base = bases.get(platform);
                measure(base, platform, donors); // JIT and page cache
                // Interleaved rounds, so that copies and customizations meet the same disk and machine load.
                double[] copy = new double[ROUNDS];
                double[] one = new double[ROUNDS];
                double[] many = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    copy[round] = copyMillis(base, donors);
                    many[round] = measure(base, platform, donors);
                    one[round] = measure(base, platform, 1);
                }
                double copyMillis = median(copy);
                double perCustomization = (median(many) - median(one)) / (donors - 1);
                double bestRatio = (min(many) - min(one)) / (donors - 1) / min(copy);
                double oneTime = median(one) - perCustomization;
                report.add(String.format("%-8s %-8s %10d %9.2f %13.2f %7.2f %12.2f %17.1f %12.1f", megabytes + " MB",
                        platform, Files.size(base), copyMillis, perCustomization, perCustomization / copyMillis, bestRatio,
                        1000 / perCustomization, oneTime));
            }
        }
        String table = String.join("\n", report) + "\n";
        System.out.print(table);
        Files.writeString(Path.of("target", "customization-benchmark.txt"), table);
    }

    private Map<Platform, Path> buildBases(int megabytes) throws Exception {
        Path work = Files.createDirectories(temp.resolve(megabytes + "mb"));
        Random random = new Random(megabytes);
        Path payload = work.resolve("payload.bin");
        try (OutputStream out = Files.newOutputStream(payload)) {
            byte[] block = new byte[1024 * 1024];
            for (int index = 0; index < megabytes; index++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        long started = System.nanoTime();
        BaseInstallerResult result = new BaseInstallerBuilder(ProgressLog.NONE).build(TestInstallers
                .request(work, work.resolve("bases")).extraPayload(Map.of("payload/random.bin", payload)).build());
        System.out.printf("Built the %d MB bases (3 platforms) in %d ms%n", megabytes,
                (System.nanoTime() - started) / 1_000_000);
        return Map.of(Platform.LINUX, result.installers().get(Platform.LINUX).archive(),
                Platform.MACOS, result.installers().get(Platform.MACOS).archive(),
                Platform.WINDOWS, result.installers().get(Platform.WINDOWS).archive());
    }

    /** The mean time of one Files.copy of the base, over as many copies as there are donors. */
    private double copyMillis(Path base, int copies) throws IOException {
        Path directory = Files.createDirectories(temp.resolve("copies"));
        long started = System.nanoTime();
        for (int index = 0; index < copies; index++) {
            Files.copy(base, directory.resolve("copy-" + index));
        }
        double millis = (System.nanoTime() - started) / 1e6 / copies;
        deleteAll(directory);
        return millis;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Milliseconds to customize the one base for {@code donors} donors, verification included. */
    private double measure(Path base, Platform platform, int donors) throws Exception {
        Path output = temp.resolve("customized");
        CustomizeRequest.Builder request = CustomizeRequest.builder().base(platform, base).outputDirectory(output)
                .operatorKey(TestKeys.operatorKey()).outputTimestamp(TestInstallers.TIMESTAMP);
        for (int index = 0; index < donors; index++) {
            request.donor(new DonorName("donor" + index), VESSELINFO);
        }
        long started = System.nanoTime();
        new InstallerCustomizer(ProgressLog.NONE).customize(request.build());
        double millis = (System.nanoTime() - started) / 1e6;
        deleteAll(output);
        return millis;
    }

    private static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }
}
