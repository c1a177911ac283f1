package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs every real measurement on this machine. */
class RealMeasurementsTest {
    private static final Duration BUDGET = Duration.ofMillis(100);

    @TempDir
    Path directory;

    @Test
    void cpuIsTheNumberOfPhysicalCoresNotHardwareThreads() throws Exception {
        double cores = measure(new CpuMeasurement(new OshiSystem())).get(Resource.CPU);
        assertTrue(cores >= 1 && cores == Math.rint(cores), "cores: " + cores);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/lscpu")), "needs lscpu (util-linux)");
        // Independent reader: one line per hardware thread, the distinct (core, socket) pairs are the cores.
        long lscpuCores = run("lscpu", "-p=CORE,SOCKET").lines().filter(line -> !line.startsWith("#"))
                .distinct().count();
        assertEquals((double) lscpuCores, cores);
    }

    @Test
    void memoryIsTheTotalRamTheKernelReports() throws Exception {
        double memory = measure(new MemoryMeasurement(new OshiSystem())).get(Resource.MEMORY);
        Path meminfo = Path.of("/proc/meminfo");
        assumeTrue(Files.isReadable(meminfo), "Linux only: /proc/meminfo");
        String total = Files.readAllLines(meminfo).stream().filter(line -> line.startsWith("MemTotal:"))
                .findFirst().orElseThrow();
        long kibibytes = Long.parseLong(total.replaceAll("[^0-9]", ""));
        assertEquals(kibibytes * 1024.0, memory);
    }

    @Test
    void diskSpaceIsTheUsableSpaceOfTheDirectorysFileSystem() throws Exception {
        double usable = measure(new DiskSpaceMeasurement()).get(Resource.DISKUSED);
        // Independent reader: statvfs as Python sees it (other processes write meanwhile: 1 GiB of slack).
        String python = "import os,sys; s=os.statvfs(sys.argv[1]); print(s.f_bavail*s.f_frsize)";
        double expected = Double.parseDouble(run("python3", "-c", python, directory.toString()));
        assertTrue(Math.abs(usable - expected) < (1L << 30), usable + " vs statvfs " + expected);
    }

    @Test
    void openFilesAndSocketsEachGetAThirdOfThisProcesssSoftLimit() throws Exception {
        Map<Resource, Double> values = measure(new OpenFileLimitMeasurement(new OshiSystem()));
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "the shell check needs a Unix");
        // A child process inherits this process's limits; `ulimit -Sn` prints the soft one.
        long softLimit = Long.parseLong(run("sh", "-c", "ulimit -Sn"));
        for (Resource resource : List.of(Resource.FILESOPENED, Resource.INSOCKETS, Resource.OUTSOCKETS)) {
            assertEquals((double) (softLimit / 3), values.get(resource), resource.seattleName());
        }
    }

    @Test
    void secureRandomGivesAPositiveRate() throws Exception {
        assertPositive(measure(new SecureRandomMeasurement()).get(Resource.RANDOM));
    }

    @Test
    void loopbackSendAndReceiveAreMeasuredOverTcp() throws Exception {
        Map<Resource, Double> values = measure(new LoopbackMeasurement());
        assertPositive(values.get(Resource.LOOPSEND));
        assertPositive(values.get(Resource.LOOPRECV));
    }

    /** Many machines (VMs, containers) report no link speed: then the measurement says why it cannot. */
    @Test
    void networkIsTheFastestLinkSpeedInBytesOrAReasonWhyThereIsNone() throws Exception {
        NetworkLinkMeasurement measurement = new NetworkLinkMeasurement(new OshiSystem());
        MeasurementContext context = context(BUDGET);
        try {
            Map<Resource, Double> values = measurement.measure(context);
            assertPositive(values.get(Resource.NETSEND));
            assertEquals(values.get(Resource.NETSEND), values.get(Resource.NETRECV));
            String note = context.notes().get(0);
            long bitsPerSecond = Long.parseLong(note.replaceAll(".* at (\\d+) bit/s", "$1"));
            assertEquals((double) (bitsPerSecond / 8), values.get(Resource.NETSEND));
            System.out.println("network: " + note);
        } catch (IllegalStateException noSpeed) {
            assertTrue(noSpeed.getMessage().matches("no .*(is up|link speed).*"), noSpeed.getMessage());
            System.out.println("network falls back here: " + noSpeed.getMessage());
        }
    }

    @Test
    void fileWriteGivesARateAndLeavesNothingBehind() throws Exception {
        MeasurementContext context = context(BUDGET);
        assertPositive(new FileWriteMeasurement().measure(context).get(Resource.FILEWRITE));
        assertTrue(context.notes().get(0).matches("wrote \\d+ MiB in \\d+ ms"), context.notes().toString());
        assertEmpty(directory);
    }

    @Test
    void fileWriteWithNoBudgetStillWritesOneBlock() throws Exception {
        MeasurementContext context = context(Duration.ZERO);
        assertPositive(new FileWriteMeasurement().measure(context).get(Resource.FILEWRITE));
        assertEquals("wrote 4 MiB", context.notes().get(0).replaceAll(" in .*", ""));
        assertEmpty(directory);
    }

    @Test
    void fileReadGivesARateAndSaysWhetherThePageCacheWasBypassed() throws Exception {
        MeasurementContext context = context(BUDGET);
        assertPositive(new FileReadMeasurement().measure(context).get(Resource.FILEREAD));
        String note = context.notes().get(0);
        assertTrue(note.equals("direct I/O, bypassing the page cache")
                || note.startsWith("read through the page cache (direct I/O unavailable here: "), note);
        System.out.println("fileread: " + note);
        assertEmpty(directory);
    }

    @Test
    void fileReadWithoutDirectIoSaysTheFigureMayBeTheCache() throws Exception {
        MeasurementContext context = context(BUDGET);
        assertPositive(new FileReadMeasurement(false).measure(context).get(Resource.FILEREAD));
        assertEquals(List.of("read through the page cache (direct I/O not tried), "
                + "so the figure may be the speed of memory rather than of the disk"), context.notes());
        assertEmpty(directory);
    }

    @Test
    void diskMeasurementsInADeletedDirectoryFailAndCreateNothing() throws Exception {
        Path deleted = directory.resolve("deleted");
        Files.createDirectory(deleted);
        Files.delete(deleted);
        for (ResourceMeasurement measurement : List.of(new FileWriteMeasurement(), new FileReadMeasurement())) {
            MeasurementContext context = new MeasurementContext(deleted, BUDGET);
            NoSuchFileException failure = assertThrows(NoSuchFileException.class, () -> measurement.measure(context));
            assertTrue(Benchmark.reason(failure).startsWith("no such file or directory: " + deleted),
                    Benchmark.reason(failure));
        }
        assertEmpty(directory);
    }

    /**
     * An interrupted thread fails its first write to the scratch file, after the file was created: the
     * file must still be removed. (Files and directories cannot be made read-only for root, so this is the
     * failure midway that every machine can produce.)
     */
    @Test
    void diskMeasurementsInterruptedMidwayRemoveTheirScratchFile() throws IOException {
        for (ResourceMeasurement measurement : List.of(new FileWriteMeasurement(), new FileReadMeasurement())) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(ClosedByInterruptException.class, () -> measurement.measure(context(BUDGET)));
            } finally {
                Thread.interrupted();
            }
            assertEmpty(directory);
        }
    }

    private Map<Resource, Double> measure(ResourceMeasurement measurement) throws Exception {
        MeasurementContext context = context(BUDGET);
        Map<Resource, Double> values = measurement.measure(context);
        assertEquals(measurement.resources(), values.keySet(), measurement.description());
        System.out.println(measurement.description() + " " + context.notes() + ": " + values);
        return values;
    }

    private MeasurementContext context(Duration budget) {
        return new MeasurementContext(directory, budget);
    }

    private static void assertPositive(double value) {
        assertTrue(Double.isFinite(value) && value > 0, "not a positive finite value: " + value);
    }

    private static void assertEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            assertEquals(List.of(), entries.toList(), "left behind in " + directory);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }
}
