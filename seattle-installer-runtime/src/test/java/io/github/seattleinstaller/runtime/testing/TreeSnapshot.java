package io.github.seattleinstaller.runtime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file, directory and link under a directory: relative path to content ("&lt;dir&gt;" for a directory,
 * "&lt;link&gt; target" for a link), so that a test can show that a refused run deleted and wrote nothing.
 * Content is read as ISO-8859-1, which keeps every byte, binary files included; a file over 1 MiB (a
 * huge sparse file a test made) is recorded by its size and modification time instead.
 */
public final class TreeSnapshot {
    private static final long LARGE = 1 << 20;

    private TreeSnapshot() {
    }

    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(path -> !path.equals(root)).toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                tree.put(relative, describe(path));
            }
        }
        return tree;
    }

    private static String describe(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            return "<link> " + Files.readSymbolicLink(path);
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return "<dir>";
        }
        long size = Files.size(path);
        return size > LARGE ? "<" + size + " bytes, modified " + Files.getLastModifiedTime(path) + ">"
                : new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
    }
}
