package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.util.Map;
import java.util.Set;

/** A resource Seattle never measured: its maximum is always the default (events, lograte). */
final class FixedMaximum implements ResourceMeasurement {
    private final Resource resource;
    private final String why;

    FixedMaximum(Resource resource, String why) {
        this.resource = resource;
        this.why = why;
    }

    @Override
    public String description() {
        return why;
    }

    @Override
    public Set<Resource> resources() {
        return Set.of(resource);
    }

    @Override
    public Map<Resource, Double> measure(MeasurementContext context) {
        return Map.of(resource, resource.defaultMaximum());
    }

    @Override
    public boolean isFixed() {
        return true;
    }
}
