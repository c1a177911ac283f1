package io.github.seattleinstaller.builder.layout;

import io.github.seattleinstaller.builder.testing.FakeRuntime;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.log.CollectingProgressLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeJarsTest {
    @TempDir
    Path temp;

    @Test
    void selectsExactlyTheCandidatesTheRuntimeClassPathNames() throws Exception {
        FakeRuntime runtime = FakeRuntime.create(temp, List.of("b-1.0.jar", "a-2.0.jar"));
        Path a = Files.write(temp.resolve("a-2.0.jar"), new byte[] {1});
        Path b = Files.write(temp.resolve("b-1.0.jar"), new byte[] {2});
        Path unrelated = Files.write(temp.resolve("bcprov-1.86.jar"), new byte[] {3});

        List<Path> selected = RuntimeJars.selectDependencies(runtime.runtimeJar(), List.of(unrelated, a, b));

        assertEquals(List.of(b, a), selected, "in Class-Path order, without the unrelated jar");
        List<InputProblem> problems = new ArrayList<>();
        assertTrue(RuntimeJars.check(runtime.runtimeJar(), selected, new CollectingProgressLog(), problems).isPresent(),
                problems.toString());
    }

    @Test
    void aClassPathEntryWithoutCandidateIsLeftForTheCheckToReport() throws Exception {
        FakeRuntime runtime = FakeRuntime.create(temp, List.of("missing-1.0.jar"));
        List<Path> selected = RuntimeJars.selectDependencies(runtime.runtimeJar(), List.of());
        assertEquals(List.of(), selected);
        List<InputProblem> problems = new ArrayList<>();
        assertTrue(RuntimeJars.check(runtime.runtimeJar(), selected, new CollectingProgressLog(), problems).isEmpty());
        assertTrue(problems.get(0).detail().contains("'missing-1.0.jar' is not among the dependency jars"),
                problems.toString());
    }
}
