package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.benchmark.ResourceFigure.Source;
import io.github.seattleinstaller.runtime.log.CollectingProgressLog;
import io.github.seattleinstaller.runtime.resources.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkFallbackTest {
    private static final Duration BUDGET = Duration.ofMillis(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Not any resource's default, so a figure that kept it was not replaced. */
    private static final double OTHER_VALUE = 7;

    @TempDir
    Path installDirectory;

    private final CollectingProgressLog log = new CollectingProgressLog();

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("throws", (FakeMeasurement.Behaviour) context -> {
                    throw new IOException("disk on fire");
                }, "failed: disk on fire"),
                Arguments.of("missing value", (FakeMeasurement.Behaviour) context -> Map.of(), "gave no value"),
                Arguments.of("no map at all", (FakeMeasurement.Behaviour) context -> null, "gave no value"),
                Arguments.of("zero", memory(0.0), "not positive: 0"),
                Arguments.of("negative", memory(-3.0), "not positive: -3"),
                Arguments.of("fractional negative", memory(-0.25), "not positive: -0.25"),
                Arguments.of("NaN", memory(Double.NaN), "not a finite number: NaN"),
                Arguments.of("infinity", memory(Double.POSITIVE_INFINITY), "not a finite number: Infinity"),
                Arguments.of("negative infinity", memory(Double.NEGATIVE_INFINITY),
                        "not a finite number: -Infinity"));
    }

    private static FakeMeasurement.Behaviour memory(double value) {
        return context -> Map.of(Resource.MEMORY, value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aFailedMeasurementFallsBackToTheDefaultWithAWarningThatSaysWhy(
            String mode, FakeMeasurement.Behaviour behaviour, String reason) throws InterruptedException {
        BenchmarkResult result = benchmark(new FakeMeasurement("fake RAM probe", Set.of(Resource.MEMORY), behaviour))
                .run(installDirectory, log);

        ResourceFigure memory = result.figure(Resource.MEMORY);
        assertEquals(510_000_000.0, memory.value(), mode);
        assertEquals(Source.DEFAULT_FALLBACK, memory.source());
        assertEquals(510_000_000.0, result.maxima().get(Resource.MEMORY));
        assertEquals(List.of("memory: fake RAM probe: " + reason + "; using the default 510000000 bytes of RAM"),
                log.warnings());
        assertEquals("fake RAM probe: " + reason, memory.how());
        // The fallback of one resource leaves the others as measured.
        assertEquals(OTHER_VALUE, result.figure(Resource.CPU).value());
        assertEquals(Source.MEASURED, result.figure(Resource.CPU).source());
    }

    @Test
    void aMeasurementThatHangsIsAbandonedAfterTheTimeoutAndInterrupted() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        FakeMeasurement hanging = new FakeMeasurement("stuck RAM probe", Set.of(Resource.MEMORY), context -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(10));
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Map.of(Resource.MEMORY, 1e9);
        });
        Benchmark benchmark = new Benchmark(List.of(hanging, FakeMeasurement.allBut(Resource.MEMORY, OTHER_VALUE)),
                BUDGET, Duration.ofMillis(200));

        BenchmarkResult result = benchmark.run(installDirectory, log);

        assertEquals(510_000_000.0, result.figure(Resource.MEMORY).value());
        assertEquals(Source.DEFAULT_FALLBACK, result.figure(Resource.MEMORY).source());
        assertEquals(List.of("memory: stuck RAM probe: timed out after 200 ms; using the default 510000000 bytes of RAM"),
                log.warnings());
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the abandoned measurement was interrupted");
        // The measurements after the hanging one still ran.
        assertEquals(OTHER_VALUE, result.figure(Resource.LOGRATE).value());
    }

    @Test
    void everyResourceOfAFailedMeasurementFallsBackAndIsWarnedAbout() throws InterruptedException {
        Set<Resource> sockets = Set.of(Resource.FILESOPENED, Resource.INSOCKETS, Resource.OUTSOCKETS);
        FakeMeasurement failing = new FakeMeasurement("open-file limit", sockets, context -> {
            throw new UnsupportedOperationException("no limit on this platform");
        });
        List<ResourceMeasurement> measurements = new ArrayList<>(List.of(failing));
        for (Resource resource : Resource.values()) {
            if (!sockets.contains(resource)) {
                measurements.add(new FakeMeasurement("fake " + resource.seattleName(), Set.of(resource),
                        context -> Map.of(resource, OTHER_VALUE)));
            }
        }

        BenchmarkResult result = new Benchmark(measurements, BUDGET, TIMEOUT).run(installDirectory, log);

        assertEquals(List.of(
                "filesopened: open-file limit: failed: no limit on this platform; using the default 250 open files",
                "insockets: open-file limit: failed: no limit on this platform; using the default 250 incoming sockets",
                "outsockets: open-file limit: failed: no limit on this platform; using the default 250 outgoing sockets"),
                log.warnings());
        for (Resource resource : sockets) {
            assertEquals(250.0, result.figure(resource).value());
        }
    }

    @Test
    void theReasonIsInTheDonorsTermsNotAnExceptionName() {
        assertEquals("no such file or directory: /gone/dir",
                Benchmark.reason(new NoSuchFileException("/gone/dir")));
        assertEquals("the cause", Benchmark.reason(new RuntimeException(new IllegalStateException("the cause"))));
        assertEquals("no reason given", Benchmark.reason(new RuntimeException()));
    }

    @Test
    void measuredAndFixedFiguresAreLoggedAsInfoWithHowTheyWereObtained() throws InterruptedException {
        FakeMeasurement ram = new FakeMeasurement("total RAM", Set.of(Resource.MEMORY), context -> {
            context.note("one bank");
            return Map.of(Resource.MEMORY, 16_384_000_000.0);
        });
        List<ResourceMeasurement> measurements = new ArrayList<>(List.of(ram,
                new FixedMaximum(Resource.EVENTS, "Seattle never measures events")));
        for (Resource resource : Resource.values()) {
            if (resource != Resource.MEMORY && resource != Resource.EVENTS) {
                measurements.add(new FakeMeasurement("fake " + resource.seattleName(), Set.of(resource),
                        context -> Map.of(resource, 1.5)));
            }
        }

        BenchmarkResult result = new Benchmark(measurements, BUDGET, TIMEOUT).run(installDirectory, log);

        assertEquals(List.of(), log.warnings());
        assertTrue(log.lines().contains("INFO memory: 16384000000 bytes of RAM (measured: total RAM; one bank)"),
                log.lines().toString());
        assertTrue(log.lines().contains("INFO events: 500 threads (fixed: Seattle never measures events)"));
        assertTrue(log.lines().contains("INFO cpu: 1.5 CPUs (measured: fake cpu)"));
        assertEquals(Source.FIXED, result.figure(Resource.EVENTS).source());
        assertEquals(500.0, result.maxima().get(Resource.EVENTS));
        assertEquals(16_384_000_000.0, result.maxima().get(Resource.MEMORY));
        List<Resource> order = result.figures().stream().map(ResourceFigure::resource).toList();
        assertEquals(List.of(Resource.values()), order);
    }

    @Test
    void anInstallDirectoryThatDoesNotExistYetIsMeasuredThroughItsNearestExistingAncestor() throws Exception {
        Path notYetCreated = installDirectory.resolve("seattle/vessels");
        AtomicReference<Path> measuredIn = new AtomicReference<>();
        FakeMeasurement disk = new FakeMeasurement("free space", Set.of(Resource.DISKUSED), context -> {
            measuredIn.set(context.directory());
            return Map.of(Resource.DISKUSED, 1e9);
        });

        new Benchmark(List.of(disk, FakeMeasurement.allBut(Resource.DISKUSED, OTHER_VALUE)), BUDGET, TIMEOUT)
                .run(notYetCreated, log);

        assertEquals(installDirectory.toAbsolutePath(), measuredIn.get());
        assertFalse(Files.exists(installDirectory.resolve("seattle")), "the benchmark creates nothing");
    }

    @Test
    void theMeasurementsMustGiveEveryResourceExactlyOnce() {
        FakeMeasurement ram = new FakeMeasurement("RAM", Set.of(Resource.MEMORY), context -> Map.of());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new Benchmark(List.of(ram), BUDGET, TIMEOUT));
        assertEquals("no measurement gives cpu", missing.getMessage());

        FakeMeasurement everything = FakeMeasurement.allBut(Resource.CPU, OTHER_VALUE);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new Benchmark(List.of(ram, everything), BUDGET, TIMEOUT));
        assertEquals("memory is measured twice: by 'RAM' and by 'the other resources'", twice.getMessage());
    }

    @Test
    void theStandardMeasurementsGiveEveryResourceExactlyOnce() {
        Map<Resource, Integer> counts = new EnumMap<>(Resource.class);
        Benchmark.standardMeasurements().forEach(measurement ->
                measurement.resources().forEach(resource -> counts.merge(resource, 1, Integer::sum)));
        assertEquals(Set.of(Resource.values()), counts.keySet());
        assertEquals(Set.of(1), Set.copyOf(counts.values()));
    }

    private Benchmark benchmark(FakeMeasurement memoryMeasurement) {
        return new Benchmark(List.of(memoryMeasurement, FakeMeasurement.allBut(Resource.MEMORY, OTHER_VALUE)),
                BUDGET, TIMEOUT);
    }
}
