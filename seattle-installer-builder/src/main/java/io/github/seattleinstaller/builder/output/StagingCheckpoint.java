package io.github.seattleinstaller.builder.output;

import java.io.IOException;

/**
 * Called each time an output file is staged, just after its temporary file is created. Tests make it fail
 * to check that a failure part-way leaves no outputs and no temporary files; production code uses
 * {@link #NONE}.
 */
@FunctionalInterface
public interface StagingCheckpoint {
    StagingCheckpoint NONE = fileName -> {
    };

    void staged(String fileName) throws IOException;
}
