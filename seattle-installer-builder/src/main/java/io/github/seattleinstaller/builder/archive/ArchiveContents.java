package io.github.seattleinstaller.builder.archive;

import java.util.List;
import java.util.OptionalLong;

/**
 * What an installer archive holds, entry by entry, in archive order.
 *
 * @param entries                every entry, duplicates included
 * @param tarBytesAfterLastEntry for tar.gz, how many bytes the tar stream holds after its last entry (the
 *                               end-of-archive and any padding)
 * @param problems               what made the archive unreadable or hides data from extractors; empty
 *                               if it read cleanly
 */
public record ArchiveContents(List<ArchivedEntry> entries, OptionalLong tarBytesAfterLastEntry,
        List<String> problems) {

    public ArchiveContents {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }
}
