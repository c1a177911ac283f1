package io.github.seattleinstaller.builder.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The main class of the fake runtime jar that tests put in installers: prints its arguments, one per
 * line, and the resource its dependency jar holds, which proves that {@code java -jar} found the
 * dependency through the manifest's Class-Path.
 */
public final class FakeRuntimeMain {
    private FakeRuntimeMain() {
    }

    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            System.out.println("arg: " + arg);
        }
        try (InputStream dependency = FakeRuntimeMain.class.getResourceAsStream(FakeRuntime.DEPENDENCY_RESOURCE)) {
            System.out.println("dependency: " + (dependency == null ? "missing"
                    : new String(dependency.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }
}
