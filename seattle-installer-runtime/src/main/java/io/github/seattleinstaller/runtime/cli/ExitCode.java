package io.github.seattleinstaller.runtime.cli;

/**
 * The installer's exit codes: one per kind of failure, so that scripts deploying installers to many
 * machines can tell what went wrong without parsing messages. The launchers add 9 (no Java 17+).
 */
public enum ExitCode {
    SUCCESS(0, "the install (or dry run) succeeded"),
    INTERNAL_ERROR(1, "an unexpected internal error (a bug; the log has the details)"),
    USAGE(2, "bad command-line options or a bad maxima file"),
    BAD_VESSELINFO(3, "the vesselinfo file is missing or invalid"),
    TAMPERED_INSTALLER(4, "the installer's files do not match its signed file list"),
    INSUFFICIENT_RESOURCES(5, "the donated share is too small for the vessels"),
    IO_FAILURE(6, "reading or writing files failed"),
    ALREADY_INSTALLED(7, "an install exists and --reinstall was not given"),
    DEFECTIVE_INSTALLER(8, "a signed installer file (resources.offcut, vessel.restrictions) is invalid");

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
