package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;
import io.github.seattleinstaller.runtime.resources.ResourceAmounts;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The maximum of every resource, each with how it was obtained. */
public final class BenchmarkResult {
    private final Map<Resource, ResourceFigure> figures;

    /** Takes a figure for every resource. */
    BenchmarkResult(Map<Resource, ResourceFigure> figures) {
        for (Resource resource : Resource.values()) {
            if (!figures.containsKey(resource)) {
                throw new IllegalArgumentException("no figure for resource " + resource.seattleName());
            }
        }
        this.figures = new EnumMap<>(figures);
    }

    /** The maxima the donation is computed from. */
    public ResourceAmounts maxima() {
        Map<Resource, Double> values = new EnumMap<>(Resource.class);
        figures.forEach((resource, figure) -> values.put(resource, figure.value()));
        return ResourceAmounts.of(values);
    }

    /** Every figure, in resource order. */
    public List<ResourceFigure> figures() {
        return List.copyOf(figures.values());
    }

    public ResourceFigure figure(Resource resource) {
        return figures.get(resource);
    }
}
