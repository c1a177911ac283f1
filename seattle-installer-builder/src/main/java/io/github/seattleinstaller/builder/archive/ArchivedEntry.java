package io.github.seattleinstaller.builder.archive;

import io.github.seattleinstaller.runtime.filelist.FileDigest;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry as read from an installer archive.
 *
 * @param name        the name exactly as stored
 * @param kind        what the entry is
 * @param description for links and special files, what they are ("symbolic link to 'x'")
 * @param mode        the Unix permission bits, if the archive records them
 * @param digest      for regular files, the size and SHA-256 of the content
 * @param content      for regular files the reader was asked to keep, the content
 */
public record ArchivedEntry(String name, Kind kind, String description, OptionalInt mode,
        Optional<FileDigest> digest, Optional<byte[]> content) {

    public enum Kind {
        FILE, DIRECTORY, LINK, SPECIAL
    }
}
