package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.util.Map;
import java.util.Set;

final class MemoryMeasurement implements ResourceMeasurement {
    private final OshiSystem oshi;

    MemoryMeasurement(OshiSystem oshi) {
        this.oshi = oshi;
    }

    @Override
    public String description() {
        return "total RAM (OSHI)";
    }

    @Override
    public Set<Resource> resources() {
        return Set.of(Resource.MEMORY);
    }

    @Override
    public Map<Resource, Double> measure(MeasurementContext context) {
        return Map.of(Resource.MEMORY, (double) oshi.get().getHardware().getMemory().getTotal());
    }
}
