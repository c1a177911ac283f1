package io.github.seattleinstaller.service.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a job is: {@code queued} (recorded, waiting for an instance), {@code running} (claimed by one instance,
 * which builds its donors), then one of the ends: {@code done} (every donor built), {@code failed} (a donor or the
 * job could not be built; the log says why), {@code cancelled}.
 */
public enum JobState {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    /** The name in the database, the API and the pages: {@code queued}, {@code running}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean ended() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    public static Optional<JobState> ofLabel(String label) {
        return Arrays.stream(values()).filter(state -> state.label().equals(label)).findFirst();
    }

    public static JobState fromDatabase(String label) {
        return ofLabel(label.strip()).orElseThrow(() -> new IllegalStateException("unknown job state '" + label + "'"));
    }
}
