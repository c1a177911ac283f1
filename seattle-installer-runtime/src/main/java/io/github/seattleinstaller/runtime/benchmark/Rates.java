package io.github.seattleinstaller.runtime.benchmark;

/** Arithmetic shared by the timed measurements. */
final class Rates {
    private Rates() {
    }

    /** Whole bytes per second: the donation truncates rates to integers anyway. */
    static double bytesPerSecond(long bytes, long elapsedNanos) {
        return Math.floor(bytes * 1e9 / elapsedNanos);
    }
}
