package io.github.seattleinstaller.runtime.cli;

import io.github.seattleinstaller.runtime.benchmark.Benchmark;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;

/**
 * The installer's entry point ({@code java -jar lib/seattle-installer-runtime.jar}); the launchers
 * {@code install.sh} and {@code install.cmd} find a Java and pass {@code --installer-dir}.
 */
public final class InstallerMain {
    private InstallerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, Benchmark.standard()));
    }

    /** Runs the installer and returns its exit code (the process's, in {@link #main}). */
    static int run(String[] args, PrintStream out, Benchmark benchmark) {
        InstallerOptions options;
        try {
            options = InstallerOptions.parse(Arrays.asList(args), installerDirectoryOfThisJar());
        } catch (InstallerOptions.UsageException e) {
            out.println("error: " + e.getMessage());
            out.println("Run with --help for the options.");
            return ExitCode.USAGE.code();
        }
        if (options.help()) {
            out.print(InstallerOptions.helpText());
            return ExitCode.SUCCESS.code();
        }
        return new Installer(out, benchmark).run(options).code();
    }

    /**
     * The installer directory when run as {@code java -jar <installer>/lib/<runtime>.jar}: the directory
     * above {@code lib/}; null when run any other way (from classes in a build, say).
     */
    private static Path installerDirectoryOfThisJar() {
        CodeSource source = InstallerMain.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            Path lib = jar.getParent();
            if (Files.isRegularFile(jar) && lib != null && lib.getFileName() != null
                    && lib.getFileName().toString().equals("lib")) {
                return lib.getParent();
            }
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
            // Not loaded from a local jar: the launcher must say where the installer is.
        }
        return null;
    }
}
