package io.github.seattleinstaller.runtime.filelist;

import java.util.List;

/**
 * The installer's files do not match its signed file list, or the list's signature or key is wrong.
 * Every problem names the file concerned.
 */
public class TamperedInstallerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public TamperedInstallerException(List<String> problems) {
        super("The installer does not match its signed file list:\n  " + String.join("\n  ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a tampered installer needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public TamperedInstallerException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
