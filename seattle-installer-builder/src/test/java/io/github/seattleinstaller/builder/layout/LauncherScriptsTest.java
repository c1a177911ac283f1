package io.github.seattleinstaller.builder.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.testing.Command;
import io.github.seattleinstaller.builder.testing.FakeRuntime;
import io.github.seattleinstaller.builder.testing.Readers;
import io.github.seattleinstaller.builder.testing.TestInstallers;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the launchers of a real, extracted installer with /bin/sh. */
class LauncherScriptsTest {
    /** What install.sh needs besides the shell's built-ins, and no java. */
    private static final List<String> TOOLS = List.of("dirname", "sed", "head", "cat");

    @TempDir
    Path temp;

    private Path installer;
    private Path installSh;

    @BeforeEach
    void extractAnInstallerIntoAPathWithSpaces() throws Exception {
        Path work = Files.createDirectories(temp.resolve("work"));
        Path linux = TestInstallers.buildBases(work, work.resolve("out")).get(Platform.LINUX);
        Path destination = temp.resolve("Donor's Downloads/my installer");
        Readers.extract(linux, destination);
        installer = destination.resolve("seattle");
        installSh = installer.resolve("install.sh");
    }

    private Command.Result runInstallSh(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", installSh.toString()));
        command.addAll(List.of(args));
        return Command.run(temp, environment, command);
    }

    @Test
    void installShIsValidPosixShell() throws Exception {
        Command.Result syntax = Command.run(temp, List.of("/bin/sh", "-n", installSh.toString()));
        assertEquals(0, syntax.exitCode(), syntax.describe());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(installSh)));
    }

    @Test
    void withJavaHomeItRunsTheRuntimeJarOnItsOwnFolderWithTheDonorsArguments() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        Command.Result result = runInstallSh(environment, "--percent", "20", "--dry-run", "two words");
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(String.join("\n", "arg: --installer-dir", "arg: " + installer.toRealPath(), "arg: --percent",
                "arg: 20", "arg: --dry-run", "arg: two words", "dependency: " + FakeRuntime.DEPENDENCY_TEXT) + "\n",
                result.stdout());
    }

    @Test
    void itRunsWhenStartedThroughARelativePathFromElsewhere() throws Exception {
        Map<String, String> environment = Map.of("JAVA_HOME", System.getProperty("java.home"));
        Command.Result result = Command.run(installer.getParent(), environment,
                List.of("/bin/sh", "seattle/install.sh", "--help"));
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().startsWith("arg: --installer-dir\narg: " + installer.toRealPath() + "\narg: --help\n"),
                result.stdout());
    }

    @Test
    void withoutAnyJavaItExplainsHowToGetOneAndExitsWith9() throws Exception {
        Path bin = pathWithTools(temp.resolve("bin without java"));
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", bin.toString());
        environment.put("JAVA_HOME", null);
        Command.Result result = runInstallSh(environment, "--help");
        assertEquals(LauncherScripts.NO_SUITABLE_JAVA_EXIT_CODE, result.exitCode(), result.describe());
        assertEquals("", result.stdout());
        for (String expected : List.of("no Java 17 or newer was found", "https://adoptium.net",
                "apt install openjdk-17-jre-headless", "JAVA_HOME")) {
            assertTrue(result.stderr().contains(expected), result.describe());
        }
    }

    @Test
    void aJavaOlderThan17IsRefusedWithItsVersion() throws Exception {
        Path bin = pathWithTools(temp.resolve("bin"));
        fakeJava(bin, "1.8");
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", bin.toString());
        environment.put("JAVA_HOME", null);
        Command.Result result = runInstallSh(environment);
        assertEquals(9, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains(bin.resolve("java") + " is Java 8; the installer needs Java 17 or newer"),
                result.describe());
    }

    @Test
    void anOldJavaHomeFallsBackToARecentJavaOnThePath() throws Exception {
        Path oldJavaHome = temp.resolve("old jdk");
        fakeJava(Files.createDirectories(oldJavaHome.resolve("bin")), "11");
        Path bin = pathWithTools(temp.resolve("bin"));
        forwarder(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", bin.toString());
        environment.put("JAVA_HOME", oldJavaHome.toString());
        Command.Result result = runInstallSh(environment, "--dry-run");
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("is Java 11"), result.describe());
        assertTrue(result.stdout().contains("arg: --dry-run\n"), result.describe());
    }

    @Test
    void installCmdUsesCrlfEverywhereAndTheSameRuntimeJarAndExitCode() {
        String script = new String(LauncherScripts.installCmd("runtime-1.jar"), StandardCharsets.US_ASCII);
        assertFalse(script.replace("\r\n", "").contains("\n"), "a line ends without CR");
        assertFalse(script.replace("\r\n", "").contains("\r"), "a lone CR");
        assertTrue(script.contains("\"%HERE%\\lib\\runtime-1.jar\" --installer-dir \"%HERE%\" %*"), script);
        assertTrue(script.contains("%JAVA_HOME%\\bin\\java.exe"), script);
        assertTrue(script.contains("where java"), script);
        assertTrue(script.contains("exit /b 9"), script);
        assertTrue(script.contains("https://adoptium.net"), script);
    }

    @Test
    void aJarNameThatCouldBreakTheScriptsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LauncherScripts.installSh("a\"b.jar"));
        assertThrows(IllegalArgumentException.class, () -> LauncherScripts.installCmd("100%.jar"));
        assertThrows(IllegalArgumentException.class, () -> LauncherScripts.installSh("lib/x.jar"));
    }

    /** A directory of the tools install.sh uses, to serve as a PATH without java. */
    private static Path pathWithTools(Path bin) throws IOException, InterruptedException {
        Files.createDirectories(bin);
        for (String tool : TOOLS) {
            forwarder(bin.resolve(tool), Path.of(Command.ok(bin, "/bin/sh", "-c", "command -v " + tool).strip()));
        }
        return bin;
    }

    /** A script that runs {@code target} (instead of a link, which JUnit warns about when cleaning up). */
    private static void forwarder(Path script, Path target) throws IOException {
        Files.writeString(script, "#!/bin/sh\nexec '" + target + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A "java" that reports the given specification version, as java -XshowSettings:properties does. */
    private static void fakeJava(Path bin, String specificationVersion) throws IOException {
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'Property settings:' >&2\n"
                + "echo '    java.specification.version = " + specificationVersion + "' >&2\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
