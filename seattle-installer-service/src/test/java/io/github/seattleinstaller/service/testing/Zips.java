package io.github.seattleinstaller.service.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads a zip of small text files back with {@code java.util.zip}, as a user's unzip would. */
public final class Zips {
    private Zips() {
    }

    /** Each entry's name and its content as ASCII text, in the zip's order. */
    public static Map<String, String> textEntries(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
        return entries;
    }
}
