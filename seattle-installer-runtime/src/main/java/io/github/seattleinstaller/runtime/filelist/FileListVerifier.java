package io.github.seattleinstaller.runtime.filelist;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.KeyFormatException;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;

import java.io.IOException;
import java.io.InputStream;
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

    /** The signed file list, its signature and the key are small; larger is an attack, not an installer. */
    static final int MAX_LIST_FILE_BYTES = 16 << 20;

    private FileListVerifier() {
    }

    /**
     * What a successful verification established.
     *
     * @param fileListSha256 the SHA-256 of the {@code metainfo} file as read: it names this installer
     */
    public record VerifiedFileList(SignedFileList fileList, RSAPublicKey operatorKey, KeyFingerprint fingerprint,
            String fileListSha256) {
    }

    /** The differences between a parsed list and the files present. */
    @FunctionalInterface
    private interface Differences {
        List<String> of(SignedFileList list) throws IOException;
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
        try {
            return verify(list -> list.differencesFrom(present), fileList, signature, publicKeyPem, expectedKey);
        } catch (IOException impossible) {
            throw new IllegalStateException("digests in memory cannot fail to be read", impossible);
        }
    }

    private static VerifiedFileList verify(Differences differences, byte[] fileList, byte[] signature,
            byte[] publicKeyPem, Optional<KeyFingerprint> expectedKey) throws TamperedInstallerException, IOException {
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
                problems.addAll(differences.of(list));
            } catch (TamperedInstallerException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new TamperedInstallerException(problems);
        }
        return new VerifiedFileList(list, key, fingerprint, FileDigest.of(fileList).sha256());
    }

    /**
     * Verifies an extracted installer. Only the files listed with their size are read: a file that is not
     * in the list, or has another size, is reported without being read.
     *
     * @param installerDirectory the installer's top-level directory
     * @param ignoredTopLevel    names directly under it that are not part of the installer (the node's
     *                           state directory, its staging siblings and its lock file)
     */
    public static VerifiedFileList verifyDirectory(Path installerDirectory, Predicate<String> ignoredTopLevel,
            Optional<KeyFingerprint> expectedKey) throws IOException, TamperedInstallerException {
        Map<String, Long> sizes = new TreeMap<>();
        Map<String, Path> paths = new TreeMap<>();
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
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String relative = relativePath(installerDirectory, file);
                String name = file.getFileName().toString();
                boolean topLevel = file.getParent().equals(installerDirectory);
                if (DESKTOP_METADATA_FILES.contains(name) || (topLevel && ignoredTopLevel.test(name))) {
                    return FileVisitResult.CONTINUE;
                }
                if (!attributes.isRegularFile()) {
                    problems.add(relative + ": not a regular file");
                } else if (!(topLevel && SignedFileList.UNSIGNED_FILES.contains(name))) {
                    sizes.put(relative, attributes.size());
                    paths.put(relative, file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        byte[] fileList = readIfPresent(installerDirectory.resolve(SignedFileList.FILE_NAME), problems);
        byte[] signature = readIfPresent(installerDirectory.resolve(SignedFileList.SIGNATURE_FILE_NAME), problems);
        byte[] key = readIfPresent(installerDirectory.resolve(SignedFileList.PUBLIC_KEY_FILE_NAME), problems);
        VerifiedFileList verified;
        try {
            verified = verify(list -> list.differencesFrom(sizes, path -> FileDigest.of(paths.get(path)).sha256()),
                    fileList, signature, key, expectedKey);
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

    /** The content of one of the list's own small files, or null when absent or too large to be one. */
    private static byte[] readIfPresent(Path file, List<String> problems) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_LIST_FILE_BYTES + 1);
        }
        if (content.length > MAX_LIST_FILE_BYTES) {
            problems.add(file.getFileName() + ": " + Files.size(file) + " bytes, more than such a file can be ("
                    + MAX_LIST_FILE_BYTES + ")");
            return null;
        }
        return content;
    }
}
