package io.github.seattleinstaller.runtime.filelist;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.KeyFormatException;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Checks an installer against its signed file list: the list's signature by the key that travels with
 * it, optionally that key's fingerprint against one known in advance, and every file's size and SHA-256.
 * The same check serves an extracted installer on the donor machine and an archive read by the builder.
 */
public final class FileListVerifier {
    /**
     * Files that desktops create on their own in any folder a user opens (Finder, Explorer). They are
     * never read by the installer, so their presence is not tampering.
     */
    public static final Set<String> DESKTOP_METADATA_FILES = Set.of(".DS_Store", "Thumbs.db", "desktop.ini");

    private FileListVerifier() {
    }

    /** What a successful verification established. */
    public record VerifiedFileList(SignedFileList fileList, RSAPublicKey operatorKey, KeyFingerprint fingerprint) {
    }

    /**
     * Verifies an installer given as the digests of its files and the content of its list, signature and
     * key file (any of which may be null when absent).
     *
     * @param present     every file of the installer, by relative path, unsigned ones included or not
     * @param expectedKey if present, the operator key must have this fingerprint
     */
    public static VerifiedFileList verify(Map<String, FileDigest> present, byte[] fileList, byte[] signature,
            byte[] publicKeyPem, Optional<KeyFingerprint> expectedKey) throws TamperedInstallerException {
        List<String> problems = new ArrayList<>();
        if (fileList == null) {
            problems.add(SignedFileList.FILE_NAME + ": missing (the signed file list)");
        }
        if (signature == null) {
            problems.add(SignedFileList.SIGNATURE_FILE_NAME + ": missing (the signature of the file list)");
        }
        RSAPublicKey key = null;
        KeyFingerprint fingerprint = null;
        if (publicKeyPem == null) {
            problems.add(SignedFileList.PUBLIC_KEY_FILE_NAME + ": missing (the operator's public key)");
        } else {
            try {
                key = PublicKeyPem.decode(new String(publicKeyPem, StandardCharsets.US_ASCII));
                fingerprint = KeyFingerprint.of(key);
            } catch (KeyFormatException e) {
                problems.add(SignedFileList.PUBLIC_KEY_FILE_NAME + ": " + e.detail() + " (" + e.rule() + ")");
            }
        }
        if (fingerprint != null && expectedKey.isPresent() && !expectedKey.get().equals(fingerprint)) {
            problems.add(SignedFileList.PUBLIC_KEY_FILE_NAME + ": the operator key is " + fingerprint
                    + ", not the expected " + expectedKey.get());
        }
        if (fileList != null && signature != null && key != null
                && !Sha256WithRsa.verifies(fileList, signature, key)) {
            problems.add(SignedFileList.SIGNATURE_FILE_NAME + ": the signature does not match "
                    + SignedFileList.FILE_NAME + " and " + SignedFileList.PUBLIC_KEY_FILE_NAME);
        }
        SignedFileList list = null;
        if (fileList != null) {
            try {
                list = SignedFileList.parse(fileList);
                problems.addAll(list.differencesFrom(present));
            } catch (TamperedInstallerException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new TamperedInstallerException(problems);
        }
        return new VerifiedFileList(list, key, fingerprint);
    }

    /**
     * Verifies an extracted installer.
     *
     * @param installerDirectory the installer's top-level directory
     * @param ignoredTopLevel    names directly under it that are not part of the installer (the node's
     *                           state directory and its staging siblings)
     */
    public static VerifiedFileList verifyDirectory(Path installerDirectory, Predicate<String> ignoredTopLevel,
            Optional<KeyFingerprint> expectedKey) throws IOException, TamperedInstallerException {
        Map<String, FileDigest> present = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Files.walkFileTree(installerDirectory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (!dir.equals(installerDirectory) && dir.getParent().equals(installerDirectory)
                        && ignoredTopLevel.test(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String relative = relativePath(installerDirectory, file);
                String name = file.getFileName().toString();
                boolean topLevel = file.getParent().equals(installerDirectory);
                if (DESKTOP_METADATA_FILES.contains(name) || (topLevel && ignoredTopLevel.test(name))) {
                    return FileVisitResult.CONTINUE;
                }
                if (!attributes.isRegularFile()) {
                    problems.add(relative + ": not a regular file");
                } else if (!(topLevel && SignedFileList.UNSIGNED_FILES.contains(name))) {
                    present.put(relative, FileDigest.of(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        byte[] fileList = readIfPresent(installerDirectory.resolve(SignedFileList.FILE_NAME));
        byte[] signature = readIfPresent(installerDirectory.resolve(SignedFileList.SIGNATURE_FILE_NAME));
        byte[] key = readIfPresent(installerDirectory.resolve(SignedFileList.PUBLIC_KEY_FILE_NAME));
        VerifiedFileList verified;
        try {
            verified = verify(present, fileList, signature, key, expectedKey);
        } catch (TamperedInstallerException e) {
            problems.addAll(e.problems());
            throw new TamperedInstallerException(problems);
        }
        if (!problems.isEmpty()) {
            throw new TamperedInstallerException(problems);
        }
        return verified;
    }

    private static String relativePath(Path base, Path file) {
        return base.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static byte[] readIfPresent(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }
}
