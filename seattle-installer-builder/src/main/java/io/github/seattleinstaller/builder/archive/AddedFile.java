package io.github.seattleinstaller.builder.archive;

import java.util.Objects;

/**
 * A regular file that customization adds to a copy of a base installer ({@code vesselinfo} and its
 * signature): its full entry name, including the top-level directory, and its content.
 */
public record AddedFile(String entryName, byte[] content) {
    public AddedFile {
        Objects.requireNonNull(entryName, "entryName");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    int length() {
        return content.length;
    }

    byte[] contentUnsafe() {
        return content;
    }
}
