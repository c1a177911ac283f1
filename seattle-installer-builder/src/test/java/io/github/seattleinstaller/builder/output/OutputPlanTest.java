package io.github.seattleinstaller.builder.output;

import io.github.seattleinstaller.runtime.input.InputProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputPlanTest {
    @TempDir
    Path temp;

    private static List<String> described(List<InputProblem> problems) {
        return problems.stream().map(InputProblem::describe).toList();
    }

    @Test
    void aMissingDirectoryWithFreePathsAndAStorableTimeHasNoProblem() {
        OutputPlan plan = new OutputPlan(temp.resolve("not yet"), "<out>", Optional.of(Instant.parse("2026-11-01T00:00:00Z")),
                "<time>");
        assertEquals(List.of(), plan.problems(List.of("a.zip", "a.zip.sha256")));
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), plan.entryTime());
    }

    @Test
    void everyProblemNamesTheLabelOfWhatCausesIt() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.createDirectories(out.resolve("a.zip.sig"));
        OutputPlan plan = new OutputPlan(out, "<outputDirectory>", Optional.of(Instant.parse("1979-12-31T23:59:59Z")),
                "<outputTimestamp>");
        assertEquals(List.of("<outputTimestamp>: 1979-12-31T23:59:59Z is outside what zip can store (rule: an output"
                        + " timestamp lies in 1980-01-01T00:00:00Z .. 2099-12-31T23:59:59Z)",
                "<outputDirectory> " + out.resolve("a.zip.sig") + ": it is a directory (rule: an output can replace"
                        + " what is at its path)"),
                described(plan.problems(SignedArchive.fileNames("a.zip"))));

        Path file = Files.writeString(temp.resolve("file"), "x");
        assertEquals(List.of(OutputPlan.DEFAULT_DIRECTORY_LABEL + " " + file + ": it is a file (rule: the output"
                        + " directory is a directory)"),
                described(new OutputPlan(file, OutputPlan.DEFAULT_DIRECTORY_LABEL, Optional.empty(),
                        OutputPlan.DEFAULT_TIMESTAMP_LABEL).problems(List.of("a.zip"))));
        assertEquals(List.of("d " + file.resolve("sub/dir") + ": it lies inside " + file + ", which is a file (rule: the"
                        + " output directory is a directory)"),
                described(new OutputPlan(file.resolve("sub/dir"), "d", Optional.empty(), "t").problems(List.of())));
    }

    @Test
    void withoutATimestampEntriesCarryTheCurrentSecond() {
        Instant before = Instant.now().minusSeconds(1);
        Instant time = new OutputPlan(temp, "d", Optional.empty(), "t").entryTime();
        assertTrue(!time.isBefore(before) && time.getNano() == 0, time.toString());
    }
}
