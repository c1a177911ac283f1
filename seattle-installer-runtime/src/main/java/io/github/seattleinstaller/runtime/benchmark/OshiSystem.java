package io.github.seattleinstaller.runtime.benchmark;

import oshi.SystemInfo;

/**
 * One OSHI {@link SystemInfo} for all the measurements that use it: OSHI caches what it reads per instance,
 * so a fresh one per measurement reads the platform again. Made on first use, inside a measurement's own
 * thread, so that a platform OSHI cannot handle fails that measurement (and falls back), not the benchmark.
 */
final class OshiSystem {
    private SystemInfo systemInfo;

    synchronized SystemInfo get() {
        if (systemInfo == null) {
            systemInfo = new SystemInfo();
        }
        return systemInfo;
    }
}
