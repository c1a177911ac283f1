package io.github.seattleinstaller.service.jobs;

import io.github.seattleinstaller.service.clearinghouse.BuildId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One donor's outcome in a job: built, with its build and that build's installers on the bases it was made with,
 * or failed, with the reason.
 *
 * @param index the donor's place among the table's donors, from 0
 */
public record JobStep(int index, String donorName, Instant at, Optional<BuildId> build, Optional<String> baseSetId,
        List<InstallerSummary> installers, Optional<String> error) {
    public JobStep {
        installers = List.copyOf(installers);
    }

    public boolean built() {
        return build.isPresent();
    }

    /** The line of the job log for this donor. */
    public String logLine() {
        return built() ? "donor " + donorName + ": built " + build.get().hex()
                : "donor " + donorName + ": failed: " + error.orElse("(no reason recorded)");
    }
}
