package io.github.seattleinstaller.builder.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The two archive formats installers ship in. */
public enum ArchiveFormat {
    /** A gzip-compressed tar stream, possibly of several concatenated gzip members. */
    TAR_GZ("tar.gz"),
    ZIP("zip");

    private final String extension;

    ArchiveFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension, without the leading dot. */
    public String extension() {
        return extension;
    }

    /** The format a file name's extension names ({@code x.tar.gz}, {@code x.zip}); empty for any other name. */
    public static Optional<ArchiveFormat> ofFileName(String fileName) {
        for (ArchiveFormat format : values()) {
            if (fileName.endsWith("." + format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format the file's first bytes announce, whatever its name says; empty if neither. */
    public static Optional<ArchiveFormat> sniff(Path file) throws IOException {
        byte[] magic = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(magic, 0, magic.length);
        }
        if (read >= 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b) {
            return Optional.of(TAR_GZ);
        }
        // A zip starts with a local file header, or with the end of central directory when it is empty.
        if (read == 4 && magic[0] == 'P' && magic[1] == 'K'
                && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6))) {
            return Optional.of(ZIP);
        }
        return Optional.empty();
    }
}
