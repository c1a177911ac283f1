package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.benchmark.ResourceFigure.Source;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.resources.Resource;
import io.github.seattleinstaller.runtime.resources.ResourceFile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Maxima given in a file of {@code resource <name> <value>} lines instead of measured, for donors who know
 * their machine better than a short benchmark does, and for repeatable installs. A resource the file does
 * not give, or gives as a value that is not positive, falls back to its default with a warning, exactly as a
 * failed measurement would.
 */
public final class MaximaFile {
    private MaximaFile() {
    }

    /**
     * Reads the maxima and logs each figure.
     *
     * @throws InvalidInputException if a line is not {@code resource <name> <value>}, names an unknown
     *                               resource, or repeats one (every such line is reported)
     */
    public static BenchmarkResult read(Path file, ProgressLog log) throws IOException, InvalidInputException {
        ResourceFile maxima = ResourceFile.read(file);
        log.info("Maxima read from " + maxima.source() + " instead of benchmarking this machine");
        FigureRecorder recorder = new FigureRecorder(log);
        for (Resource resource : Resource.values()) {
            Double value = maxima.values().get(resource);
            if (value == null) {
                recorder.fallBack(resource, "not in maxima file " + maxima.source());
                continue;
            }
            String where = maxima.source() + " line " + maxima.lineOf(resource);
            recorder.record(resource, value, Source.FROM_FILE, where, "maxima file " + where);
        }
        return recorder.result();
    }
}
