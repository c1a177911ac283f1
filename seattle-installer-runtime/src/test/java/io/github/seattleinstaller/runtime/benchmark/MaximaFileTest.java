package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.benchmark.ResourceFigure.Source;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.log.CollectingProgressLog;
import io.github.seattleinstaller.runtime.resources.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MaximaFileTest {
    private static final String FULL = """
            # measured once on the donor's machine
            resource cpu 4
            resource memory 16384000000
            resource diskused 100000000000
            resource events 500
            resource filewrite 200000000
            resource fileread 400000000
            resource filesopened 341
            resource insockets 341
            resource outsockets 341
            resource netsend 125000000
            resource netrecv 125000000
            resource loopsend 2000000000
            resource looprecv 2000000000
            resource lograte 1500000
            resource random 50000000.5
            """;

    @TempDir
    Path directory;

    private final CollectingProgressLog log = new CollectingProgressLog();

    @Test
    void aFullFileGivesEveryMaximumFromTheFile() throws Exception {
        Path file = write(FULL);

        BenchmarkResult result = MaximaFile.read(file, log);

        assertEquals(List.of(), log.warnings());
        for (ResourceFigure figure : result.figures()) {
            assertEquals(Source.FROM_FILE, figure.source(), figure.describe());
        }
        assertEquals(4.0, result.maxima().get(Resource.CPU));
        assertEquals(16_384_000_000.0, result.maxima().get(Resource.MEMORY));
        assertEquals(50_000_000.5, result.maxima().get(Resource.RANDOM));
        assertEquals(file + " line 3", result.figure(Resource.MEMORY).how());
        assertEquals(List.of(
                "INFO Maxima read from " + file + " instead of benchmarking this machine",
                "INFO cpu: 4 CPUs (from file: " + file + " line 2)",
                "INFO memory: 16384000000 bytes of RAM (from file: " + file + " line 3)"),
                log.lines().subList(0, 3));
        assertEquals("INFO random: 50000000.5 secure random bytes/s (from file: " + file + " line 16)",
                log.lines().get(log.lines().size() - 1));
    }

    @Test
    void aPartialFileFallsBackToTheDefaultsOfTheMissingResourcesWithWarnings() throws Exception {
        Path file = write("resource cpu 2\nresource memory 8000000000\n");

        BenchmarkResult result = MaximaFile.read(file, log);

        assertEquals(2.0, result.maxima().get(Resource.CPU));
        assertEquals(Source.FROM_FILE, result.figure(Resource.MEMORY).source());
        assertEquals(3_700_000_000.0, result.maxima().get(Resource.DISKUSED));
        assertEquals(Source.DEFAULT_FALLBACK, result.figure(Resource.DISKUSED).source());
        assertEquals(Resource.values().length - 2, log.warnings().size());
        assertEquals("diskused: not in maxima file " + file + "; using the default 3700000000 bytes of disk",
                log.warnings().get(0));
        assertEquals("random: not in maxima file " + file + "; using the default 200000 secure random bytes/s",
                log.warnings().get(log.warnings().size() - 1));
    }

    @Test
    void valuesThatAreNotPositiveFallBackToTheDefaultNamingTheLine() throws Exception {
        Path file = write(FULL.replace("resource memory 16384000000", "resource memory 0")
                .replace("resource netsend 125000000", "resource netsend -5"));

        BenchmarkResult result = MaximaFile.read(file, log);

        assertEquals(510_000_000.0, result.maxima().get(Resource.MEMORY));
        assertEquals(500_000.0, result.maxima().get(Resource.NETSEND));
        assertEquals(List.of(
                "memory: maxima file " + file + " line 3: not positive: 0; using the default 510000000 bytes of RAM",
                "netsend: maxima file " + file + " line 11: not positive: -5; "
                        + "using the default 500000 bytes/s sent to the network"),
                log.warnings());
        assertEquals(125_000_000.0, result.maxima().get(Resource.NETRECV));
    }

    @Test
    void aMalformedFileIsInvalidInputNamingEveryBadLine() throws IOException {
        Path file = write("resource cpu 2\nresource memory lots\nresources diskused 5\nresource cpu 3\n"
                + "resource lograte 1e999\n");

        InvalidInputException invalid = assertThrows(InvalidInputException.class, () -> MaximaFile.read(file, log));

        assertEquals(List.of(2, 3, 4, 5), invalid.problems().stream().map(InputProblem::line).toList());
        assertEquals(List.of(file.toString()), invalid.problems().stream().map(InputProblem::source).distinct().toList());
        assertEquals(List.of(), log.lines(), "nothing is logged from a file that was rejected");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(directory.resolve("maxima"), text);
    }
}
