package io.github.seattleinstaller.service.testing;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ensure-chromium.sh, the browser tests' installer, in each of its branches, with Chromium and ChromeDriver named at
 * paths of the test's own and a stand-in apt-get that records how it was called (nothing is installed or removed).
 */
class EnsureChromiumScriptTest {
    @TempDir
    Path work;
    private Path chromium;
    private Path driver;
    private Path calls;

    @BeforeEach
    void paths() throws IOException {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        chromium = work.resolve("bin/chromium");
        driver = work.resolve("bin/chromedriver");
        calls = work.resolve("apt-get.calls");
        Files.createDirectories(chromium.getParent());
    }

    private record Run(int exitCode, String output) {
    }

    /** A stand-in apt-get: records its arguments and DEBIAN_FRONTEND; with {@code installs}, "installs" both. */
    private Path aptGet(boolean installs) throws IOException {
        Path aptGet = work.resolve("apt-get");
        String install = installs ? "  printf '#!/bin/sh\\n' > '" + chromium + "'; printf '#!/bin/sh\\n' > '" + driver
                + "'; chmod +x '" + chromium + "' '" + driver + "'\n" : "";
        Files.writeString(aptGet, "#!/bin/sh\necho \"$* frontend=${DEBIAN_FRONTEND:-}\" >> '" + calls + "'\n"
                + "if [ \"$1\" = install ]; then\n" + install + "  :\nfi\n");
        Files.setPosixFilePermissions(aptGet, PosixFilePermissions.fromString("rwxr-xr-x"));
        return aptGet;
    }

    private Run run(Path aptGet, String... prefix) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(prefix));
        command.addAll(List.of("sh", Browser.ensureScript().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DEBIAN_FRONTEND");
        builder.environment().putAll(Map.of("SEATTLE_CHROMIUM", chromium.toString(),
                "SEATTLE_CHROMEDRIVER", driver.toString(), "SEATTLE_APT_GET", aptGet.toString()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Run(process.exitValue(), output);
    }

    private List<String> aptGetCalls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private static boolean root() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        id.waitFor();
        return uid.equals("0");
    }

    @Test
    void doesNothingWhenBothAreThere() throws Exception {
        Files.writeString(chromium, "#!/bin/sh\n");
        Files.writeString(driver, "#!/bin/sh\n");
        Files.setPosixFilePermissions(chromium, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(driver, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run run = run(aptGet(true));
        assertEquals(new Run(0, ""), run);
        assertEquals(List.of(), aptGetCalls());
    }

    @Test
    void asRootInstallsDebiansPackagesWithAptGet() throws Exception {
        assumeTrue(root(), "apt-get is run as root only");
        Run run = run(aptGet(true));
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("update frontend=", "install -y chromium chromium-driver frontend=noninteractive"),
                aptGetCalls());
        assertTrue(run.output().contains(chromium + " and " + driver + " missing: installing Debian's chromium and"
                + " chromium-driver"), run.output());
    }

    @Test
    void failsWhenTheInstallLeavesThemMissing() throws Exception {
        assumeTrue(root(), "apt-get is run as root only");
        Run run = run(aptGet(false));
        assertEquals(1, run.exitCode());
        assertTrue(run.output().contains("but " + chromium + " and " + driver + " is still missing"), run.output());
    }

    @Test
    void withoutAptGetSaysWhatToInstall() throws Exception {
        Run run = run(work.resolve("no-such-apt-get"));
        assertEquals(1, run.exitCode());
        assertTrue(run.output().contains("apt-get install -y chromium chromium-driver"), run.output());
        assertTrue(run.output().contains("SEATTLE_CHROMIUM and SEATTLE_CHROMEDRIVER"), run.output());
    }

    @Test
    void aUserOtherThanRootIsToldWhatToInstallAndNothingRuns() throws Exception {
        assumeTrue(root() && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root to become another user");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        Run run = run(aptGet(true), "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("as root: apt-get update && apt-get install -y chromium chromium-driver"),
                run.output());
        assertEquals(List.of(), aptGetCalls());
        assertFalse(Files.exists(chromium));
    }
}
