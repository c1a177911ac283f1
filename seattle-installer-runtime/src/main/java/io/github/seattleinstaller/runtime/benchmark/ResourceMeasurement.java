package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.util.Map;
import java.util.Set;

/**
 * One way of finding the maximum of one or more resources on this machine. The {@link Benchmark} runs it
 * under a timeout and replaces whatever it fails to give by the resource's default maximum.
 */
public interface ResourceMeasurement {

    /** What is measured and how, for the log: "total RAM (OSHI)". */
    String description();

    /** The resources {@link #measure} gives a value for. */
    Set<Resource> resources();

    /**
     * Measures. Timed measurements keep to {@link MeasurementContext#budget()}, leave nothing behind in
     * {@link MeasurementContext#directory()} whatever happens, and stop soon after their thread is
     * interrupted (the benchmark interrupts a measurement it gave up waiting for).
     *
     * @return a value for each of {@link #resources()}; a missing, non-finite or non-positive value is
     *         replaced by the default
     * @throws Exception whatever went wrong; its message becomes the reason logged for the fallback
     */
    Map<Resource, Double> measure(MeasurementContext context) throws Exception;

    /** True when the value is set by rule rather than measured, so that it is logged as fixed. */
    default boolean isFixed() {
        return false;
    }
}
