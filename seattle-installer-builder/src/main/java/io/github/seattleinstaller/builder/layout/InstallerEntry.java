package io.github.seattleinstaller.builder.layout;

import java.util.Optional;

/**
 * One archive entry of an installer: a directory (name ending in {@code /}) or a file, with its full name
 * including the top-level directory and its permission bits.
 */
public record InstallerEntry(String name, int mode, Optional<FileContent> content) {

    public static InstallerEntry directory(String name) {
        return new InstallerEntry(name.endsWith("/") ? name : name + "/", InstallerLayout.DIRECTORY_MODE,
                Optional.empty());
    }

    public static InstallerEntry file(String name, InstallerFile file) {
        return new InstallerEntry(name, file.mode(), Optional.of(file.content()));
    }

    public boolean isDirectory() {
        return content.isEmpty();
    }
}
