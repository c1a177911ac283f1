package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;
import oshi.SystemInfo;

import java.util.Map;
import java.util.Set;

/** Physical processor cores, as Seattle counted CPUs (not hardware threads). */
final class CpuMeasurement implements ResourceMeasurement {

    @Override
    public String description() {
        return "physical processor cores (OSHI)";
    }

    @Override
    public Set<Resource> resources() {
        return Set.of(Resource.CPU);
    }

    @Override
    public Map<Resource, Double> measure(MeasurementContext context) {
        return Map.of(Resource.CPU, (double) new SystemInfo().getHardware().getProcessor().getPhysicalProcessorCount());
    }
}
