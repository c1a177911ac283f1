package io.github.seattleinstaller.runtime.cli;

/**
 * The installer's exit codes: one per kind of failure, so that scripts deploying installers to many
 * machines can tell what went wrong without parsing messages. The launchers add 9 (no Java 17+). Any
 * failure that has no code of its own is reported in one line with code 6, its details in the install log.
 */
public enum ExitCode {
    SUCCESS(0, "the install (or dry run) succeeded"),
    USAGE(2, "bad command-line options (such as an --install-dir that would hold or replace the installer)"
            + " or a bad maxima file"),
    BAD_VESSELINFO(3, "the vesselinfo file is missing, invalid or larger than 1 MiB"),
    TAMPERED_INSTALLER(4, "the installer's files do not match its signed file list, or its vesselinfo is not"
            + " signed by the operator key (vesselinfo.sig)"),
    INSUFFICIENT_RESOURCES(5, "the donated share is too small for the vessels"),
    IO_FAILURE(6, "reading or writing files failed, or another unexpected failure (the install log has the details)"),
    ALREADY_INSTALLED(7, "the state directory exists: an install and --reinstall was not given, or a directory"
            + " that is not a node state (never replaced)"),
    DEFECTIVE_INSTALLER(8, "a signed installer file (resources.offcut, vessel.restrictions) is invalid"),
    INSTALL_IN_PROGRESS(10, "another install of the same state directory is running");

    /** The launchers' code for "no Java 17 or newer found"; the Java runtime never returns it. */
    public static final int NO_SUITABLE_JAVA = 9;

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
