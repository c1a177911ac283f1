package io.github.seattleinstaller.runtime.log;

/**
 * Where the installer reports what it measured and decided. The installer's log file and console are
 * one implementation; tests collect the lines.
 */
public interface InstallLog {

    /** A figure or a decision worth keeping in the install log. */
    void info(String message);

    /** Something went wrong and was handled (a fallback was used); the install goes on. */
    void warn(String message);

    /** Discards everything: for callers that have no log. */
    InstallLog NONE = new InstallLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
