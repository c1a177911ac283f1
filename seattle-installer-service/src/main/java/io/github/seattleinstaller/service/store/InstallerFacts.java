package io.github.seattleinstaller.service.store;

/** What one build's installer for one platform and base set is: computed once, then kept. */
public record InstallerFacts(long size, String sha256Hex, byte[] signature) {
    public InstallerFacts {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
