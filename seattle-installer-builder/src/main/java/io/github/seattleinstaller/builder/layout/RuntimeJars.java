package io.github.seattleinstaller.builder.layout;

import io.github.seattleinstaller.runtime.filelist.SignedFileList;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.log.ProgressLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/**
 * The runtime jar and the jars it needs, as shipped in the installer's {@code lib/}. The launchers run
 * {@code java -jar lib/<runtime jar>}, so the runtime jar's manifest must name a {@code Main-Class} and list
 * its dependencies in {@code Class-Path} by bare file name: Java then finds them beside it in {@code lib/}.
 */
public final class RuntimeJars {
    private static final String CLASS_PATH_RULE =
            "every Class-Path entry of the runtime jar's manifest is one of the given dependency jars";

    private final Path runtimeJar;
    private final Map<String, Path> dependencies;

    private RuntimeJars(Path runtimeJar, Map<String, Path> dependencies) {
        this.runtimeJar = runtimeJar;
        this.dependencies = dependencies;
    }

    /**
     * Checks the runtime jar's manifest against the given dependency jars, adding every problem to
     * {@code problems}.
     *
     * @return the jars if there was no problem
     */
    public static Optional<RuntimeJars> check(Path runtimeJar, List<Path> dependencyJars, ProgressLog log,
            List<InputProblem> problems) throws IOException {
        int problemsBefore = problems.size();
        Map<String, Path> dependencies = new LinkedHashMap<>();
        checkJarName(runtimeJar, problems);
        for (Path dependency : dependencyJars) {
            String name = dependency.getFileName().toString();
            checkJarName(dependency, problems);
            if (!Files.isRegularFile(dependency)) {
                problems.add(InputProblem.whole(dependency.toString(), "a dependency jar is a readable file",
                        "no such file"));
            } else if (name.equals(runtimeJar.getFileName().toString()) || dependencies.containsKey(name)) {
                problems.add(InputProblem.whole(dependency.toString(),
                        "the jars in lib/ have distinct file names", "'" + name + "' is given more than once"));
            } else {
                dependencies.put(name, dependency);
            }
        }
        List<String> classPath = readManifest(runtimeJar, problems);
        for (String entry : classPath) {
            if (entry.contains("/") || entry.contains("\\")) {
                problems.add(InputProblem.whole(runtimeJar.toString(), CLASS_PATH_RULE,
                        "Class-Path entry '" + entry + "' is not a bare file name: the installer puts the "
                                + "dependencies beside the runtime jar in lib/"));
            } else if (!dependencies.containsKey(entry)) {
                problems.add(InputProblem.whole(runtimeJar.toString(), CLASS_PATH_RULE,
                        "Class-Path entry '" + entry + "' is not among the dependency jars "
                                + dependencies.keySet()));
            }
        }
        if (problems.size() > problemsBefore) {
            return Optional.empty();
        }
        dependencies.keySet().stream().filter(name -> !classPath.contains(name)).forEach(name ->
                log.warn("Dependency jar " + name + " is not in the Class-Path of " + runtimeJar.getFileName()
                        + ": it is shipped in lib/ but the runtime will not load it"));
        return Optional.of(new RuntimeJars(runtimeJar, dependencies));
    }

    /**
     * The jars among {@code candidates} that the runtime jar's manifest names in its Class-Path, in that
     * order: a build tool that has the runtime's whole dependency set at hand (a Maven plugin's own
     * artifacts) ships exactly these. Entries with no candidate are left for {@link #check} to report.
     */
    public static List<Path> selectDependencies(Path runtimeJar, Collection<Path> candidates) throws IOException {
        List<String> classPath = readManifest(runtimeJar, new ArrayList<>());
        List<Path> selected = new ArrayList<>();
        for (String entry : classPath) {
            candidates.stream().filter(candidate -> candidate.getFileName().toString().equals(entry))
                    .findFirst().ifPresent(selected::add);
        }
        return selected;
    }

    public Path runtimeJar() {
        return runtimeJar;
    }

    public String runtimeJarFileName() {
        return runtimeJar.getFileName().toString();
    }

    /** Every jar of {@code lib/}, the runtime jar first, by file name. */
    public Map<String, Path> libraryJars() {
        Map<String, Path> jars = new LinkedHashMap<>();
        jars.put(runtimeJarFileName(), runtimeJar);
        jars.putAll(dependencies);
        return jars;
    }

    private static void checkJarName(Path jar, List<InputProblem> problems) {
        String problem = SignedFileList.pathProblem(InstallerLayout.LIB_DIRECTORY + "/" + jar.getFileName());
        if (problem != null) {
            problems.add(InputProblem.whole(jar.toString(), "a jar's file name can be listed in the signed file list",
                    problem));
        }
    }

    /** The Class-Path entries, or nothing after adding a problem when the jar cannot run with java -jar. */
    private static List<String> readManifest(Path runtimeJar, List<InputProblem> problems) throws IOException {
        String source = runtimeJar.toString();
        if (!Files.isRegularFile(runtimeJar)) {
            problems.add(InputProblem.whole(source, "the runtime jar is a readable file", "no such file"));
            return List.of();
        }
        Manifest manifest;
        try (JarFile jar = new JarFile(runtimeJar.toFile())) {
            manifest = jar.getManifest();
        } catch (ZipException notAJar) {
            problems.add(InputProblem.whole(source, "the runtime jar is a jar file",
                    "it cannot be read as a jar: " + notAJar.getMessage()));
            return List.of();
        }
        if (manifest == null || manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) == null) {
            problems.add(InputProblem.whole(source, "the runtime jar's manifest names a Main-Class",
                    "no Main-Class: 'java -jar' cannot run it"));
            return List.of();
        }
        String classPath = manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        List<String> entries = new ArrayList<>();
        if (classPath != null) {
            for (String entry : classPath.strip().split("\\s+")) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }
}
