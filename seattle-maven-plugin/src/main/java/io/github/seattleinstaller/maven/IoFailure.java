package io.github.seattleinstaller.maven;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A failed file operation in words: Java's file exceptions often carry only the path as their message
 * (so that "path: " + message reads "path: path"), and the kind of failure only in their class.
 */
final class IoFailure {
    private IoFailure() {
    }

    /** For example "/x/out does not exist" or "/x/out/a.zip: permission denied". */
    static String describe(IOException failure) {
        if (failure instanceof FileSystemException fileFailure && fileFailure.getFile() != null) {
            String file = fileFailure.getFile();
            if (fileFailure.getReason() != null) {
                return fileFailure.getMessage();
            }
            if (failure instanceof NoSuchFileException) {
                return file + " does not exist";
            }
            if (failure instanceof AccessDeniedException) {
                return file + ": permission denied";
            }
            if (failure instanceof NotDirectoryException) {
                return file + " is not a directory";
            }
            if (failure instanceof FileAlreadyExistsException) {
                return file + " already exists";
            }
            if (failure instanceof DirectoryNotEmptyException) {
                return file + " is a directory that is not empty";
            }
            return file + ": input/output error";
        }
        return failure.getMessage() != null ? failure.getMessage() : "input/output error";
    }
}
