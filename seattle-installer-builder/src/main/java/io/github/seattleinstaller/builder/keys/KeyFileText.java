package io.github.seattleinstaller.builder.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/** Reads a key file as text, turning every way it can fail into words for the user. */
final class KeyFileText {
    /** Key files are a few kilobytes; anything larger is the wrong file, and not worth reading whole. */
    static final long MAX_BYTES = 1024 * 1024;

    private static final String UTF8_BYTE_ORDER_MARK = "\u00ef\u00bb\u00bf";

    private KeyFileText() {
    }

    /**
     * The file's content. Decoded as ISO-8859-1, which maps every byte to a character, so that a binary
     * file is reported as "not a key" by the format checks instead of failing here; a UTF-8 byte order
     * mark, which some editors add, is dropped.
     */
    static String read(Path file) throws UnreadableKeyFileException {
        if (Files.isDirectory(file)) {
            throw new UnreadableKeyFileException("is a directory, not a key file");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new UnreadableKeyFileException(
                        "is " + size + " bytes long, far too large for a key file (at most " + MAX_BYTES + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableKeyFileException("does not exist");
        } catch (AccessDeniedException e) {
            throw new UnreadableKeyFileException("cannot be read: permission denied");
        } catch (IOException e) {
            throw new UnreadableKeyFileException(
                    "cannot be read: " + Objects.requireNonNullElse(e.getMessage(), "input/output error"));
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return text.startsWith(UTF8_BYTE_ORDER_MARK) ? text.substring(UTF8_BYTE_ORDER_MARK.length()) : text;
    }

    /** Why a key file could not be read, phrased to follow the file's name ("... does not exist"). */
    static final class UnreadableKeyFileException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableKeyFileException(String reason) {
            super(reason);
        }
    }
}
