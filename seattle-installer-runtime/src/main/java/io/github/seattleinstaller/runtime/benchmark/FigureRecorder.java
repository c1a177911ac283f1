package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.benchmark.ResourceFigure.Source;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.resources.Resource;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the figures of a benchmark or a maxima file and applies the fallback rule shared by both:
 * a value that is missing, not finite or not positive is replaced by the resource's default maximum, with a
 * warning that says why. Every figure is logged as it is recorded.
 */
final class FigureRecorder {
    private final ProgressLog log;
    private final Map<Resource, ResourceFigure> figures = new EnumMap<>(Resource.class);

    FigureRecorder(ProgressLog log) {
        this.log = log;
    }

    /**
     * Records a value obtained from {@code origin}, or the default if the value is unusable.
     *
     * @param origin names where the value came from in the warning, e.g. "total RAM (OSHI)"
     */
    void record(Resource resource, double value, Source source, String how, String origin) {
        Optional<String> problem = problemWith(value);
        if (problem.isPresent()) {
            fallBack(resource, origin + ": " + problem.get());
            return;
        }
        ResourceFigure figure = new ResourceFigure(resource, value, source, how);
        add(figure);
        log.info(figure.describe());
    }

    /** Uses the resource's default maximum and warns with the reason. */
    void fallBack(Resource resource, String why) {
        ResourceFigure figure = new ResourceFigure(resource, resource.defaultMaximum(), Source.DEFAULT_FALLBACK, why);
        add(figure);
        log.warn(resource.seattleName() + ": " + why + "; using the default "
                + ResourceFigure.formatValue(resource.defaultMaximum()) + " " + resource.unit());
    }

    BenchmarkResult result() {
        return new BenchmarkResult(figures);
    }

    /** Why a maximum cannot be used: not a finite number, or not positive. */
    static Optional<String> problemWith(double value) {
        if (!Double.isFinite(value)) {
            return Optional.of("not a finite number: " + ResourceFigure.formatValue(value));
        }
        if (value <= 0) {
            return Optional.of("not positive: " + ResourceFigure.formatValue(value));
        }
        return Optional.empty();
    }

    private void add(ResourceFigure figure) {
        if (figures.putIfAbsent(figure.resource(), figure) != null) {
            throw new IllegalStateException("two figures for resource " + figure.resource().seattleName());
        }
    }
}
