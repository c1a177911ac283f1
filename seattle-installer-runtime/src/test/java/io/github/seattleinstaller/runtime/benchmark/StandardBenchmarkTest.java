package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.benchmark.ResourceFigure.Source;
import io.github.seattleinstaller.runtime.log.CollectingProgressLog;
import io.github.seattleinstaller.runtime.resources.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real benchmark of this machine, end to end. */
class StandardBenchmarkTest {

    @TempDir
    Path directory;

    @Test
    void everyResourceGetsAPositiveMaximumAndNothingIsLeftBehind() throws InterruptedException, IOException {
        CollectingProgressLog log = new CollectingProgressLog();
        Path installDirectory = directory.resolve("seattle");

        long start = System.nanoTime();
        BenchmarkResult result = Benchmark.standard().run(installDirectory, log);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("Full benchmark of this machine in " + elapsedMillis + " ms:");
        result.figures().forEach(figure -> System.out.println("  " + figure.describe()));
        log.warnings().forEach(warning -> System.out.println("  WARN " + warning));

        assertEquals(Resource.values().length, result.figures().size());
        for (Resource resource : Resource.values()) {
            double value = result.maxima().get(resource);
            assertTrue(Double.isFinite(value) && value > 0, resource.seattleName() + ": " + value);
        }
        assertEquals(Source.FIXED, result.figure(Resource.EVENTS).source());
        assertEquals(Source.FIXED, result.figure(Resource.LOGRATE).source());
        // Every figure is in the log: info when obtained, warn when it fell back.
        assertEquals(Resource.values().length, log.lines().stream()
                .filter(line -> Stream.of(Resource.values()).anyMatch(r -> line.matches("(INFO|WARN) " + r.seattleName() + ": .*")))
                .count());
        try (Stream<Path> entries = Files.list(directory)) {
            assertEquals(List.of(), entries.toList(), "the benchmark leaves nothing behind and creates nothing");
        }
    }
}
