package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;
import oshi.hardware.NetworkIF;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The nominal speed of the fastest network link that is up. Measuring real throughput would need a peer on
 * the network; the link speed is an upper bound the donation never exceeds.
 */
final class NetworkLinkMeasurement implements ResourceMeasurement {
    private final OshiSystem oshi;

    NetworkLinkMeasurement(OshiSystem oshi) {
        this.oshi = oshi;
    }

    @Override
    public String description() {
        return "nominal speed of the fastest network link that is up (OSHI), not a measured throughput";
    }

    @Override
    public Set<Resource> resources() {
        return Set.of(Resource.NETSEND, Resource.NETRECV);
    }

    @Override
    public Map<Resource, Double> measure(MeasurementContext context) {
        // false: without loopback and interfaces that have no hardware address.
        List<NetworkIF> up = oshi.get().getHardware().getNetworkIFs(false).stream()
                .filter(network -> network.getIfOperStatus() == NetworkIF.IfOperStatus.UP)
                .toList();
        Optional<NetworkIF> fastest = up.stream()
                .filter(network -> network.getSpeed() > 0)
                .max(Comparator.comparingLong(NetworkIF::getSpeed));
        if (fastest.isEmpty()) {
            throw new IllegalStateException(up.isEmpty() ? "no network interface other than loopback is up"
                    : "no interface that is up reports its link speed ("
                    + up.stream().map(NetworkIF::getName).collect(Collectors.joining(", ")) + ")");
        }
        long bitsPerSecond = fastest.get().getSpeed();
        context.note(fastest.get().getName() + " at " + bitsPerSecond + " bit/s");
        double bytesPerSecond = bitsPerSecond / 8;
        return Map.of(Resource.NETSEND, bytesPerSecond, Resource.NETRECV, bytesPerSecond);
    }
}
