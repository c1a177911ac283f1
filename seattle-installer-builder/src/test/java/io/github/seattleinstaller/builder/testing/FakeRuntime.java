package io.github.seattleinstaller.builder.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A small runtime jar for tests: its manifest names {@link FakeRuntimeMain} and a Class-Path with one
 * dependency jar, made beside it, that holds a text resource.
 */
public record FakeRuntime(Path runtimeJar, Path dependencyJar) {
    public static final String RUNTIME_JAR = "seattle-installer-runtime-0.1.0.jar";
    public static final String DEPENDENCY_JAR = "fake-dependency-1.0.jar";
    public static final String DEPENDENCY_RESOURCE = "/fake-dependency.txt";
    public static final String DEPENDENCY_TEXT = "found through Class-Path";

    public static FakeRuntime create(Path directory) throws IOException {
        return create(directory, List.of(DEPENDENCY_JAR));
    }

    /** A runtime whose Class-Path lists the given names; only the first is made as a jar. */
    public static FakeRuntime create(Path directory, List<String> classPath) throws IOException {
        Files.createDirectories(directory);
        Path dependency = directory.resolve(classPath.get(0));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dependency))) {
            putEntry(jar, JarFile.MANIFEST_NAME, manifestBytes(new Manifest()));
            putEntry(jar, DEPENDENCY_RESOURCE.substring(1), DEPENDENCY_TEXT.getBytes(StandardCharsets.UTF_8));
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeRuntimeMain.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        Path runtime = directory.resolve(RUNTIME_JAR);
        String classFile = FakeRuntimeMain.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(runtime));
             InputStream main = FakeRuntimeMain.class.getResourceAsStream("/" + classFile)) {
            putEntry(jar, JarFile.MANIFEST_NAME, manifestBytes(manifest));
            putEntry(jar, classFile, main.readAllBytes());
        }
        return new FakeRuntime(runtime, dependency);
    }

    /** Entries dated by wall-clock fields, so that the same jar comes out at any time in any time zone. */
    private static void putEntry(JarOutputStream jar, String name, byte[] content) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setTimeLocal(LocalDateTime.of(2026, 1, 1, 0, 0));
        jar.putNextEntry(entry);
        jar.write(content);
        jar.closeEntry();
    }

    private static byte[] manifestBytes(Manifest manifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        manifest.write(bytes);
        return bytes.toByteArray();
    }

    /** A jar without Main-Class, which java -jar cannot run. */
    public static Path jarWithoutMainClass(Path file) throws IOException {
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file))) {
            putEntry(jar, JarFile.MANIFEST_NAME, manifestBytes(new Manifest()));
            putEntry(jar, "empty.txt", new byte[0]);
        }
        return file;
    }
}
