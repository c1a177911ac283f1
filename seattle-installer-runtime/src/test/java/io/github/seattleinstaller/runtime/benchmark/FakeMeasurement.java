package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** A measurement whose behaviour the test decides. */
final class FakeMeasurement implements ResourceMeasurement {

    /** What the fake does when measured. */
    @FunctionalInterface
    interface Behaviour {
        Map<Resource, Double> measure(MeasurementContext context) throws Exception;
    }

    private final String description;
    private final Set<Resource> resources;
    private final Behaviour behaviour;

    FakeMeasurement(String description, Set<Resource> resources, Behaviour behaviour) {
        this.description = description;
        this.resources = Set.copyOf(resources);
        this.behaviour = behaviour;
    }

    /** Gives {@code value} for every resource except {@code excluded}. */
    static FakeMeasurement allBut(Resource excluded, double value) {
        Set<Resource> others = EnumSet.complementOf(EnumSet.of(excluded));
        return new FakeMeasurement("the other resources", others, context -> {
            Map<Resource, Double> values = new EnumMap<>(Resource.class);
            others.forEach(resource -> values.put(resource, value));
            return values;
        });
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Set<Resource> resources() {
        return resources;
    }

    @Override
    public Map<Resource, Double> measure(MeasurementContext context) throws Exception {
        return behaviour.measure(context);
    }
}
