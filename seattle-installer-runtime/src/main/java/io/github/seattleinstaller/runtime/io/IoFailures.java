package io.github.seattleinstaller.runtime.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A failed file operation in words a user can act on: the file concerned and what went wrong, never the
 * exception's class. Java's file exceptions often carry only the path as their message (so that
 * {@code path + ": " + e.getMessage()} reads "path: path") and the kind of failure only in their class.
 */
public final class IoFailures {
    private IoFailures() {
    }

    /** For example "/x/bob.vesselinfo: no such file", or the operating system's reason when there is one. */
    public static String describe(IOException failure) {
        if (failure instanceof FileSystemException fileFailure && fileFailure.getFile() != null
                && fileFailure.getReason() == null) {
            return fileFailure.getMessage() + ": " + kind(fileFailure);
        }
        return failure.getMessage() == null ? "failed" : failure.getMessage();
    }

    private static String kind(FileSystemException failure) {
        if (failure instanceof NoSuchFileException) {
            return "no such file";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (failure instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (failure instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return "input/output error";
    }
}
