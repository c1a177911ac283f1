package io.github.seattleinstaller.runtime.resources;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * One amount per {@link Resource}, all present. Values are IEEE doubles, as in the original Python:
 * integer-valued resources stay exact (below 2^53) and cpu keeps the original's rounding behaviour.
 */
public final class ResourceAmounts {
    private final double[] values;

    private ResourceAmounts(double[] values) {
        this.values = values;
    }

    /** Every resource at its default maximum (reference section 4). */
    public static ResourceAmounts defaults() {
        double[] values = new double[Resource.values().length];
        for (Resource resource : Resource.values()) {
            values[resource.ordinal()] = resource.defaultMaximum();
        }
        return new ResourceAmounts(values);
    }

    /** Amounts from a map that must name every resource. */
    public static ResourceAmounts of(Map<Resource, Double> amounts) {
        double[] values = new double[Resource.values().length];
        for (Resource resource : Resource.values()) {
            Double value = amounts.get(resource);
            if (value == null) {
                throw new IllegalArgumentException("no amount for resource " + resource.seattleName());
            }
            values[resource.ordinal()] = value;
        }
        return new ResourceAmounts(values);
    }

    public double get(Resource resource) {
        return values[resource.ordinal()];
    }

    /** A copy with one amount replaced. */
    public ResourceAmounts with(Resource resource, double value) {
        double[] copy = values.clone();
        copy[resource.ordinal()] = value;
        return new ResourceAmounts(copy);
    }

    /** The amounts in resource order, as a new map. */
    public Map<Resource, Double> asMap() {
        Map<Resource, Double> map = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            map.put(resource, values[resource.ordinal()]);
        }
        return map;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceAmounts amounts && Arrays.equals(values, amounts.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (Resource resource : Resource.values()) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(resource.seattleName()).append('=').append(values[resource.ordinal()]);
        }
        return text.append('}').toString();
    }
}
