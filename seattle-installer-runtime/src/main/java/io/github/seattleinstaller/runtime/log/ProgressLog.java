package io.github.seattleinstaller.runtime.log;

/**
 * Where the toolchain reports what it measured, decided and did: the installer's log file and console on
 * a donor machine, Maven's log in a build; tests collect the lines.
 */
public interface ProgressLog {

    /** A figure or a decision worth keeping. */
    void info(String message);

    /** Something went wrong and was handled (a fallback was used); the work goes on. */
    void warn(String message);

    /** Discards everything: for callers that have no log. */
    ProgressLog NONE = new ProgressLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
