package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.base.BaseInstallerBuilder;
import io.github.seattleinstaller.builder.base.BaseInstallerResult;
import io.github.seattleinstaller.builder.testing.TestInstallers;
import io.github.seattleinstaller.builder.testing.TestKeys;
import io.github.seattleinstaller.runtime.log.InstallLog;

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
 * donors and with one, divided by the extra donors, so that the one-time cost drops out; it is reported,
 * never asserted. The table is also written to {@code target/customization-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class CustomizationBenchmark {
    private static final byte[] VESSELINFO = "Percent 100\nOwner 65537 1234567890123456789\n"
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;

    @Test
    void customizationAgainstCopying() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(String.format("%-8s %-8s %10s %9s %13s %7s %15s %15s", "base", "platform", "base bytes", "copy ms",
                "customize ms", "ratio", "customizations/s", "one-time ms"));
        for (int megabytes : new int[] {5, 50}) {
            Map<Platform, Path> bases = buildBases(megabytes);
            int donors = megabytes == 5 ? 40 : 12;
            for (Platform platform : Platform.values()) {
                Path base = bases.get(platform);
                for (int warmUp = 0; warmUp < 3; warmUp++) {
                    measure(base, platform, donors); // JIT and page cache
                }
                double copyMillis = copyMillis(base, donors);
                double oneDonor = median(base, platform, 1);
                double manyDonors = median(base, platform, donors);
                double perCustomization = (manyDonors - oneDonor) / (donors - 1);
                double oneTime = oneDonor - perCustomization;
                report.add(String.format("%-8s %-8s %10d %9.2f %13.2f %7.2f %15.1f %15.1f", megabytes + " MB", platform,
                        Files.size(base), copyMillis, perCustomization, perCustomization / copyMillis,
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
        BaseInstallerResult result = new BaseInstallerBuilder(InstallLog.NONE).build(TestInstallers
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

    private double median(Path base, Platform platform, int donors) throws Exception {
        double[] runs = new double[5];
        for (int run = 0; run < runs.length; run++) {
            runs[run] = measure(base, platform, donors);
        }
        Arrays.sort(runs);
        return runs[runs.length / 2];
    }

    /** Milliseconds to customize the one base for {@code donors} donors, verification included. */
    private double measure(Path base, Platform platform, int donors) throws Exception {
        Path output = temp.resolve("customized");
        CustomizeRequest.Builder request = CustomizeRequest.builder().base(platform, base).outputDirectory(output)
                .signingKey(TestKeys.operator()).outputTimestamp(TestInstallers.TIMESTAMP);
        for (int index = 0; index < donors; index++) {
            request.donor("donor" + index, VESSELINFO);
        }
        long started = System.nanoTime();
        new InstallerCustomizer(InstallLog.NONE).customize(request.build());
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
