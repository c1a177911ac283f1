package io.github.seattleinstaller.builder.verify;

import java.nio.file.Path;
import java.util.List;

/** An installer archive failed verification; carries every problem found, one per line in the message. */
public class InvalidInstallerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient InstallerReport report;

    public InvalidInstallerException(InstallerReport report) {
        super("Installer " + report.archive() + " failed verification:\n  " + String.join("\n  ", report.problems()));
        if (report.isValid()) {
            throw new IllegalArgumentException("a valid installer is not an invalid one");
        }
        this.report = report;
    }

    public InstallerReport report() {
        return report;
    }

    public Path archive() {
        return report.archive();
    }

    public List<String> problems() {
        return report.problems();
    }
}
