package io.github.seattleinstaller.runtime.cli;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The installer's command line. Options take their value as the next argument or after '='
 * ({@code --percent 20} or {@code --percent=20}).
 */
public record InstallerOptions(
        Path installerDirectory,
        Optional<Path> installDirectory,
        double donatedPercent,
        Optional<Path> maximaFile,
        boolean dryRun,
        boolean reinstall,
        Optional<KeyFingerprint> expectedKey,
        boolean allowUnsignedVesselInfo,
        boolean help) {

    /** Seattle's default share of the machine. */
    public static final double DEFAULT_DONATED_PERCENT = 10;

    /** The directory name of the node state inside the installer, as Seattle's node manager had it. */
    public static final String DEFAULT_INSTALL_DIRECTORY_NAME = "seattle_repy";

    /**
     * The option that installs a vesselinfo without the operator's valid signature: for an operator testing
     * a vesselinfo of their own, never for a donor.
     */
    public static final String ALLOW_UNSIGNED_VESSELINFO = "--allow-unsigned-vesselinfo";

    /** A command line that cannot be understood; the message says what to change. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /** The state directory: the one given, or {@value #DEFAULT_INSTALL_DIRECTORY_NAME} in the installer. */
    public Path resolvedInstallDirectory() {
        return installDirectory.orElse(installerDirectory.resolve(DEFAULT_INSTALL_DIRECTORY_NAME))
                .toAbsolutePath().normalize();
    }

    /**
     * Parses the arguments.
     *
     * @param defaultInstallerDirectory where the installer is when {@code --installer-dir} is not given
     *                                  (the directory above the runtime jar's {@code lib/})
     */
    public static InstallerOptions parse(List<String> args, Path defaultInstallerDirectory) throws UsageException {
        Path installerDirectory = defaultInstallerDirectory;
        Path installDirectory = null;
        double donatedPercent = DEFAULT_DONATED_PERCENT;
        Path maximaFile = null;
        boolean dryRun = false;
        boolean reinstall = false;
        KeyFingerprint expectedKey = null;
        boolean allowUnsignedVesselInfo = false;
        boolean help = false;

        List<String> queue = new ArrayList<>(args);
        while (!queue.isEmpty()) {
            String argument = queue.remove(0);
            String name = argument;
            String inlineValue = null;
            int equals = argument.indexOf('=');
            if (argument.startsWith("--") && equals > 0) {
                name = argument.substring(0, equals);
                inlineValue = argument.substring(equals + 1);
            }
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--dry-run" -> dryRun = true;
                case "--reinstall" -> reinstall = true;
                case ALLOW_UNSIGNED_VESSELINFO -> allowUnsignedVesselInfo = true;
                case "--percent" -> donatedPercent = parsePercent(value(name, inlineValue, queue));
                case "--install-dir" -> installDirectory = Path.of(value(name, inlineValue, queue));
                case "--installer-dir" -> installerDirectory = Path.of(value(name, inlineValue, queue));
                case "--maxima" -> maximaFile = Path.of(value(name, inlineValue, queue));
                case "--expect-key" -> {
                    String text = value(name, inlineValue, queue);
                    try {
                        expectedKey = KeyFingerprint.parse(text);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--expect-key: " + e.getMessage());
                    }
                }
                default -> throw new UsageException("unknown option '" + argument + "' (see --help)");
            }
            if (inlineValue != null && List.of("-h", "--help", "--dry-run", "--reinstall", ALLOW_UNSIGNED_VESSELINFO)
                    .contains(name)) {
                throw new UsageException("option " + name + " takes no value");
            }
        }
        if (installerDirectory == null) {
            throw new UsageException("--installer-dir is required when the runtime is not run from an installer");
        }
        return new InstallerOptions(installerDirectory.toAbsolutePath().normalize(),
                Optional.ofNullable(installDirectory), donatedPercent, Optional.ofNullable(maximaFile), dryRun,
                reinstall, Optional.ofNullable(expectedKey), allowUnsignedVesselInfo, help);
    }

    private static String value(String name, String inlineValue, List<String> queue) throws UsageException {
        if (inlineValue != null) {
            if (inlineValue.isEmpty()) {
                throw new UsageException("option " + name + " needs a value");
            }
            return inlineValue;
        }
        if (queue.isEmpty() || queue.get(0).startsWith("--")) {
            throw new UsageException("option " + name + " needs a value");
        }
        return queue.remove(0);
    }

    private static double parsePercent(String text) throws UsageException {
        double percent;
        try {
            percent = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            percent = Double.NaN;
        }
        if (!text.matches("\\d+(\\.\\d+)?|\\.\\d+") || !(percent > 0 && percent <= 100)) {
            throw new UsageException("--percent must be a number greater than 0 and at most 100, not '" + text + "'");
        }
        return percent;
    }

    /** The text printed by {@code --help}. */
    public static String helpText() {
        StringBuilder text = new StringBuilder();
        text.append("""
                Usage: install.sh [options]      (install.cmd [options] on Windows)

                Installs a Seattle node: checks this installer's signed file list, reads the vessels
                your operator set up (vesselinfo), measures this machine, donates a share of it and
                writes the vessels' state. Nothing is written unless every check passes.

                Options:
                  --percent <p>        share of this machine to donate, 0 < p <= 100 (default 10)
                  --install-dir <dir>  where to write the node state (default: seattle_repy in the installer)
                  --maxima <file>      do not measure; read the machine's maxima from <file>, one
                                       "resource <name> <value>" line per resource (missing ones use defaults)
                  --dry-run            check and compute everything, print the plan, write nothing
                  --reinstall          replace the state of an existing install (refused otherwise, and
                                       refused for a directory without the marker file installed-by)
                  --expect-key <fp>    refuse the installer unless its operator key has this SHA-256
                                       fingerprint (as published by your operator): a second check of
                                       an installer whose archive you already checked, since this check
                                       runs code from the archive itself
                  --allow-unsigned-vesselinfo
                                       FOR OPERATORS' TESTS ONLY: install even though vesselinfo is not
                                       signed by the operator key (vesselinfo.sig missing or wrong)
                  --installer-dir <d>  the installer's directory (the launchers set it)
                  -h, --help           print this help

                Exit codes:
                """);
        SortedMap<Integer, String> codes = new TreeMap<>();
        for (ExitCode code : ExitCode.values()) {
            codes.put(code.code(), code.meaning());
        }
        codes.put(ExitCode.NO_SUITABLE_JAVA, "no Java 17 or newer was found (launchers only)");
        codes.forEach((code, meaning) -> text.append(String.format("  %2d  %s%n", code, meaning)));
        return text.toString();
    }
}
