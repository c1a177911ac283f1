package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;

/** The space this user may still fill on the file system of the install directory. */
final class DiskSpaceMeasurement implements ResourceMeasurement {

    @Override
    public String description() {
        return "usable free space of the file system holding the install directory";
    }

    @Override
    public Set<Resource> resources() {
        return Set.of(Resource.DISKUSED);
    }

    @Override
    public Map<Resource, Double> measure(MeasurementContext context) throws IOException {
        context.note("measured in " + context.directory());
        return Map.of(Resource.DISKUSED, (double) Files.getFileStore(context.directory()).getUsableSpace());
    }
}
