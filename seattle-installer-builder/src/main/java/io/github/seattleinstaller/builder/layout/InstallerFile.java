package io.github.seattleinstaller.builder.layout;

import java.util.Objects;

/** One file of an installer: its permission bits and its content. */
public record InstallerFile(int mode, FileContent content) {
    public InstallerFile {
        Objects.requireNonNull(content, "content");
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " is not a permission mode");
        }
    }
}
