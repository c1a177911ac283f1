package io.github.seattleinstaller.runtime.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The default installer files that ship inside the runtime jar, under {@code defaults/}. */
final class DefaultFiles {
    private static final String DIRECTORY = "/io/github/seattleinstaller/runtime/defaults/";

    private DefaultFiles() {
    }

    /** The text of the default file with this installer file name. */
    static String text(String fileName) {
        String resource = DIRECTORY + fileName;
        try (InputStream in = DefaultFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + " in the runtime jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
