package io.github.seattleinstaller.service.build;

import io.github.seattleinstaller.service.clearinghouse.ClearinghousePlatform;
import io.github.seattleinstaller.builder.customize.DonorInstaller;
import io.github.seattleinstaller.service.store.InstallerFacts;

/**
 * One build's installer for one platform, ready to stream: its bytes come from the base (held open by the
 * lease until {@link #close()}) and the build's suffix; its size, SHA-256 and signature were computed once.
 */
public final class Download implements AutoCloseable {
    private final CurrentBases.Lease lease;
    private final ClearinghousePlatform platform;
    private final DonorInstaller installer;
    private final InstallerFacts facts;

    Download(CurrentBases.Lease lease, ClearinghousePlatform platform, DonorInstaller installer, InstallerFacts facts) {
        this.lease = lease;
        this.platform = platform;
        this.installer = installer;
        this.facts = facts;
    }

    public ClearinghousePlatform platform() {
        return platform;
    }

    public DonorInstaller installer() {
        return installer;
    }

    public InstallerFacts facts() {
        return facts;
    }

    /** The base's prefix, mapped once per base. */
    public CurrentBases.PrefixMapping prefix() {
        return lease.mapping(platform.platform(), installer.prefixChannel(), installer.prefixLength());
    }

    @Override
    public void close() {
        lease.close();
    }
}
