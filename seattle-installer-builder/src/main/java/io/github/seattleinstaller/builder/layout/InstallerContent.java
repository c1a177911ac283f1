package io.github.seattleinstaller.builder.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything an installer holds, before it is put into an archive: its top-level directory name and its
 * files by path relative to that directory.
 */
public final class InstallerContent {
    private final String topLevelDirectory;
    private final SortedMap<String, InstallerFile> files;

    public InstallerContent(String topLevelDirectory, Map<String, InstallerFile> files) {
        this.topLevelDirectory = topLevelDirectory;
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    public String topLevelDirectory() {
        return topLevelDirectory;
    }

    /** The files by path relative to the top-level directory, in path order. */
    public SortedMap<String, InstallerFile> files() {
        return files;
    }

    /**
     * The archive entries: every directory (the top-level one and each parent of a file) and every file,
     * sorted by entry name. Since a directory's name ends in {@code /} and is a prefix of its children's
     * names, each directory comes before its content, as extractors expect.
     */
    public List<InstallerEntry> entries() {
        SortedSet<String> directories = new TreeSet<>();
        directories.add(topLevelDirectory + "/");
        SortedMap<String, InstallerEntry> entries = new TreeMap<>();
        files.forEach((path, file) -> {
            String name = InstallerLayout.entryName(topLevelDirectory, path);
            for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                directories.add(name.substring(0, slash + 1));
            }
            entries.put(name, InstallerEntry.file(name, file));
        });
        directories.forEach(directory -> entries.put(directory, InstallerEntry.directory(directory)));
        return List.copyOf(new ArrayList<>(entries.values()));
    }
}
