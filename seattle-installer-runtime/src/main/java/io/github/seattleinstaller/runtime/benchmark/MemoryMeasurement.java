package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;
import oshi.SystemInfo;

import java.util.Map;
import java.util.Set;

final class MemoryMeasurement implements ResourceMeasurement {

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
        return Map.of(Resource.MEMORY, (double) new SystemInfo().getHardware().getMemory().getTotal());
    }
}
