package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.util.Map;
import java.util.Set;

/** Physical processor cores, as Seattle counted CPUs (not hardware threads). */
final class CpuMeasurement implements ResourceMeasurement {
    private final OshiSystem oshi;

    CpuMeasurement(OshiSystem oshi) {
        this.oshi = oshi;
    }

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
        return Map.of(Resource.CPU, (double) oshi.get().getHardware().getProcessor().getPhysicalProcessorCount());
    }
}
