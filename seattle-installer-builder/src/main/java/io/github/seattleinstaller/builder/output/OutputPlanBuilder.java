package io.github.seattleinstaller.builder.output;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The output part of a request builder, shared by the base installer and customize requests: the
 * output directory and timestamp, given one by one or as a labelled {@link OutputPlan}.
 *
 * @param <B> the request builder, returned for chaining
 */
public abstract class OutputPlanBuilder<B extends OutputPlanBuilder<B>> {
    private Path directory;
    private String directoryLabel = OutputPlan.DEFAULT_DIRECTORY_LABEL;
    private Instant timestamp;
    private String timestampLabel = OutputPlan.DEFAULT_TIMESTAMP_LABEL;

    protected OutputPlanBuilder() {
    }

    public B outputDirectory(Path outputDirectory) {
        this.directory = outputDirectory;
        return self();
    }

    /** Null for the time of the build. */
    public B outputTimestamp(Instant time) {
        this.timestamp = time;
        return self();
    }

    /** The output directory and timestamp, with the caller's labels for them. */
    public B output(OutputPlan plan) {
        directory = plan.directory();
        directoryLabel = plan.directoryLabel();
        timestamp = plan.timestamp().orElse(null);
        timestampLabel = plan.timestampLabel();
        return self();
    }

    /** The plan given so far; @throws NullPointerException if no output directory was given */
    public OutputPlan outputPlan() {
        return new OutputPlan(Objects.requireNonNull(directory, "outputDirectory is required"), directoryLabel,
                Optional.ofNullable(timestamp), timestampLabel);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
