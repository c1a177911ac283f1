package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.util.Map;
import java.util.Set;

/**
 * Seattle split the open-file limit of its process into three equal shares: files, incoming sockets and
 * outgoing sockets, since each of them takes a file descriptor.
 */
final class OpenFileLimitMeasurement implements ResourceMeasurement {
    private final OshiSystem oshi;

    OpenFileLimitMeasurement(OshiSystem oshi) {
        this.oshi = oshi;
    }

    @Override
    public String description() {
        return "soft open-file limit of this process / 3 (OSHI)";
    }

    @Override
    public Set<Resource> resources() {
        return Set.of(Resource.FILESOPENED, Resource.INSOCKETS, Resource.OUTSOCKETS);
    }

    @Override
    public Map<Resource, Double> measure(MeasurementContext context) {
        // Per process, not FileSystem.getMaxFileDescriptorsPerProcess(), which gives the system-wide limit.
        long limit = oshi.get().getOperatingSystem().getCurrentProcess().getSoftOpenFileLimit();
        if (limit < 0) {
            throw new UnsupportedOperationException("this platform does not report a per-process open-file limit");
        }
        context.note("limit " + limit);
        double share = limit / 3; // integer division, as Seattle did
        return Map.of(Resource.FILESOPENED, share, Resource.INSOCKETS, share, Resource.OUTSOCKETS, share);
    }
}
