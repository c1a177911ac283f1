package io.github.seattleinstaller.builder.verify;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.archive.ArchiveContents;
import io.github.seattleinstaller.builder.archive.ArchiveFormat;
import io.github.seattleinstaller.builder.archive.ArchiveReader;
import io.github.seattleinstaller.builder.archive.ArchivedEntry;
import io.github.seattleinstaller.builder.archive.ArchivedEntry.Kind;
import io.github.seattleinstaller.builder.layout.InstallerLayout;
import io.github.seattleinstaller.builder.output.ChecksumFile;
import io.github.seattleinstaller.builder.output.DetachedSignature;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.filelist.FileListVerifier;
import io.github.seattleinstaller.runtime.filelist.SignedFileList;
import io.github.seattleinstaller.runtime.filelist.TamperedInstallerException;
import io.github.seattleinstaller.runtime.filelist.VesselInfoSignature;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.KeyFormatException;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Verifies an installer archive as a donor's extraction would see it: its structure (exactly one top-level
 * directory, only plain relative paths, no duplicates, no links or devices, an executable
 * {@code install.sh}), then its files against the signed file list with the runtime's
 * {@link FileListVerifier}, optionally requiring a known operator key, then a customized installer's
 * {@code vesselinfo}: the installer's rules and its {@code vesselinfo.sig} by the operator key (whether or
 * not a {@code .sig} lies beside the archive: the installer refuses a vesselinfo without it), then the
 * {@code .sha256} and {@code .sig} beside the archive when they are there.
 */
public final class InstallerVerifier {
    private static final Set<String> KEPT_FILES = Set.of(SignedFileList.FILE_NAME, SignedFileList.SIGNATURE_FILE_NAME,
            SignedFileList.PUBLIC_KEY_FILE_NAME, SignedFileList.VESSELINFO_FILE_NAME,
            SignedFileList.VESSELINFO_SIGNATURE_FILE_NAME);

    /**
     * Examines the archive and reports every problem found.
     *
     * @param expectedKey if present, the operator key the installer carries must have this fingerprint
     * @throws IOException if the archive cannot be opened (a malformed archive is a problem, not this)
     */
    public InstallerReport examine(Path archive, Optional<KeyFingerprint> expectedKey) throws IOException {
        String label = archive.getFileName().toString();
        List<String> problems = new ArrayList<>();
        Optional<Platform> platform = Platform.ofFileName(label);
        String archiveSha256 = FileDigest.of(archive).sha256();
        Optional<ArchiveFormat> format = ArchiveFormat.sniff(archive);
        if (format.isEmpty()) {
            problems.add(label + ": it is neither a tar.gz nor a zip archive");
            return new InstallerReport(archive, platform, format, Optional.empty(), new TreeMap<>(), Optional.empty(),
                    Optional.empty(), archiveSha256, OptionalLong.empty(), false, false, problems);
        }
        if (platform.isPresent() && platform.get().format() != format.get()) {
            problems.add(label + ": a " + platform.get() + " installer is a " + platform.get().format().extension()
                    + ", but this file is a " + format.get().extension());
        }
        ArchiveContents contents = ArchiveReader.read(archive, format.get(), InstallerVerifier::isKeptFile);
        contents.problems().forEach(problem -> problems.add(label + ": " + problem));
        Optional<String> top = checkStructure(label, contents.entries(), problems);

        SortedMap<String, FileDigest> present = new TreeMap<>();
        Map<String, byte[]> kept = new HashMap<>();
        top.ifPresent(directory -> collectFiles(directory, contents.entries(), present, kept));
        Optional<RSAPublicKey> operatorKey = readOperatorKey(kept.get(SignedFileList.PUBLIC_KEY_FILE_NAME));
        if (top.isPresent()) {
            try {
                FileListVerifier.verify(present, kept.get(SignedFileList.FILE_NAME),
                        kept.get(SignedFileList.SIGNATURE_FILE_NAME), kept.get(SignedFileList.PUBLIC_KEY_FILE_NAME),
                        expectedKey);
            } catch (TamperedInstallerException tampered) {
                tampered.problems().forEach(problem -> problems.add(label + ": " + top.get() + "/" + problem));
            }
        }

        byte[] vesselinfo = kept.get(SignedFileList.VESSELINFO_FILE_NAME);
        byte[] vesselinfoSignature = kept.get(SignedFileList.VESSELINFO_SIGNATURE_FILE_NAME);
        if (vesselinfo != null) {
            String inside = label + "!/" + top.orElseThrow() + "/";
            checkVesselInfo(inside + SignedFileList.VESSELINFO_FILE_NAME, vesselinfo, problems);
            operatorKey.flatMap(key -> VesselInfoSignature.problem(vesselinfo, vesselinfoSignature, key))
                    .ifPresent(problem -> problems.add(inside + problem));
        } else if (vesselinfoSignature != null) {
            problems.add(label + ": " + top.orElseThrow() + "/" + SignedFileList.VESSELINFO_SIGNATURE_FILE_NAME
                    + ": a signature of a vesselinfo that the installer does not have");
        }

        boolean checksumChecked = checkChecksumFile(archive, label, archiveSha256, problems);
        boolean signatureChecked = checkSignatureFile(archive, label, archiveSha256, operatorKey, problems);
        return new InstallerReport(archive, platform, format, top, present, operatorKey.map(KeyFingerprint::of),
                Optional.ofNullable(kept.get(SignedFileList.VESSELINFO_FILE_NAME)), archiveSha256,
                contents.tarBytesAfterLastEntry(), checksumChecked, signatureChecked, problems);
    }

    /**
     * Verifies the archive.
     *
     * @return the report of a valid installer
     * @throws InvalidInstallerException listing every problem, if there is any
     */
    public InstallerReport verify(Path archive, Optional<KeyFingerprint> expectedKey)
            throws IOException, InvalidInstallerException {
        InstallerReport report = examine(archive, expectedKey);
        if (!report.isValid()) {
            throw new InvalidInstallerException(report);
        }
        return report;
    }

    /** A donor's vesselinfo must pass the rules the installer will apply on the donor's machine. */
    private static void checkVesselInfo(String source, byte[] text, List<String> problems) {
        try {
            VesselInfo.parse(source, text);
        } catch (InvalidVesselInfoException invalid) {
            invalid.problems().forEach(problem -> problems.add(problem.describe()));
        }
    }

    /** Only the installer's own small top-level files are kept in memory. */
    private static boolean isKeptFile(String name) {
        int slash = name.indexOf('/');
        return slash > 0 && KEPT_FILES.contains(name.substring(slash + 1));
    }

    /**
     * Checks every entry name and kind, and returns the single top-level directory if there is exactly
     * one and it is a plain name.
     */
    private static Optional<String> checkStructure(String label, List<ArchivedEntry> entries, List<String> problems) {
        Set<String> seen = new HashSet<>();
        SortedSet<String> topLevels = new TreeSet<>();
        for (ArchivedEntry entry : entries) {
            String name = entry.name();
            String where = label + ": entry '" + name + "': ";
            String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            String[] segments = path.split("/", -1);
            // "./seattle/..." is reported once, as a second top-level directory, not for every entry.
            int first = segments.length > 1 && segments[0].equals(".") ? 1 : 0;
            if (name.startsWith("/") || name.matches("[A-Za-z]:.*")) {
                problems.add(where + "an absolute path; an installer's paths are relative");
            } else if (name.contains("\\")) {
                problems.add(where + "a backslash in a name, which Windows extractors take as a directory separator");
            } else if (List.of(segments).contains("..")) {
                problems.add(where + "'..' leads outside the installer directory");
            } else if (List.of(segments).subList(first, segments.length).stream()
                    .anyMatch(segment -> segment.isEmpty() || segment.equals("."))) {
                problems.add(where + "not a plain relative path (an empty or '.' part)");
            }
            if (!seen.add(path)) {
                problems.add(where + "it appears more than once; extractors keep only one of them");
            }
            if (entry.kind() == Kind.LINK || entry.kind() == Kind.SPECIAL) {
                problems.add(where + "a " + entry.description() + "; an installer holds only files and directories");
            }
            if (segments.length - first > 1 || entry.kind() == Kind.DIRECTORY) {
                topLevels.add(String.join("/", List.of(segments).subList(0, first + 1)));
            } else {
                problems.add(where + "it lies outside the top-level directory");
            }
        }
        if (topLevels.isEmpty()) {
            problems.add(label + ": it has no top-level directory");
            return Optional.empty();
        }
        if (topLevels.size() > 1) {
            problems.add(label + ": it has " + topLevels.size() + " top-level directories ("
                    + String.join("/, ", topLevels) + "/); an installer has exactly one, or donors who extract one "
                    + "of them miss the files of the others");
            return Optional.empty();
        }
        String top = topLevels.first();
        String topProblem = InstallerLayout.topLevelDirectoryProblem(top);
        if (topProblem != null) {
            problems.add(label + ": its top-level directory '" + top + "/' is not a plain name: " + topProblem);
            return Optional.empty();
        }
        checkInstallScriptMode(label, top, entries, problems);
        checkNoEmptyDirectories(label, entries, problems);
        return Optional.of(top);
    }

    /**
     * Directories are not in the signed file list, so one that holds no file is content nobody signed:
     * a directory named {@code vesselinfo}, for one, would keep donors from receiving theirs.
     */
    private static void checkNoEmptyDirectories(String label, List<ArchivedEntry> entries, List<String> problems) {
        Set<String> parentsOfFiles = new HashSet<>();
        for (ArchivedEntry entry : entries) {
            if (entry.kind() == Kind.FILE) {
                for (int slash = entry.name().indexOf('/'); slash >= 0; slash = entry.name().indexOf('/', slash + 1)) {
                    parentsOfFiles.add(entry.name().substring(0, slash + 1));
                }
            }
        }
        for (ArchivedEntry directory : entries) {
            String name = directory.name().endsWith("/") ? directory.name() : directory.name() + "/";
            if (directory.kind() == Kind.DIRECTORY && !parentsOfFiles.contains(name)) {
                problems.add(label + ": entry '" + directory.name() + "': a directory without files, which no "
                        + "installer has and the signed file list does not cover");
            }
        }
    }

    private static void checkInstallScriptMode(String label, String top, List<ArchivedEntry> entries,
            List<String> problems) {
        String installSh = InstallerLayout.entryName(top, InstallerLayout.INSTALL_SH);
        for (ArchivedEntry entry : entries) {
            if (entry.name().equals(installSh) && entry.kind() == Kind.FILE) {
                if (entry.mode().isEmpty()) {
                    problems.add(label + ": entry '" + installSh + "': it records no Unix permissions, so it "
                            + "is not executable once extracted (expected 0755)");
                } else if (entry.mode().getAsInt() != InstallerLayout.EXECUTABLE_MODE) {
                    problems.add(label + ": entry '" + installSh + "': mode 0"
                            + Integer.toOctalString(entry.mode().getAsInt()) + ", expected 0755");
                }
            }
        }
    }

    /** The regular files under the top-level directory by relative path, and the kept ones' contents. */
    private static void collectFiles(String top, List<ArchivedEntry> entries, Map<String, FileDigest> present,
            Map<String, byte[]> kept) {
        String prefix = top + "/";
        for (ArchivedEntry entry : entries) {
            if (entry.kind() == Kind.FILE && entry.name().startsWith(prefix)) {
                String relative = entry.name().substring(prefix.length());
                present.putIfAbsent(relative, entry.digest().orElseThrow());
                entry.content().ifPresent(content -> kept.putIfAbsent(relative, content));
            }
        }
    }

    private static Optional<RSAPublicKey> readOperatorKey(byte[] pem) {
        if (pem == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PublicKeyPem.decode(new String(pem, StandardCharsets.US_ASCII)));
        } catch (KeyFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean checkChecksumFile(Path archive, String label, String archiveSha256, List<String> problems)
            throws IOException {
        Path checksumFile = archive.resolveSibling(label + ChecksumFile.EXTENSION);
        if (!Files.isRegularFile(checksumFile)) {
            return false;
        }
        String problem = ChecksumFile.problem(Files.readAllBytes(checksumFile), label, archiveSha256);
        if (problem != null) {
            problems.add(checksumFile.getFileName() + ": " + problem);
        }
        return true;
    }

    private static boolean checkSignatureFile(Path archive, String label, String archiveSha256,
            Optional<RSAPublicKey> operatorKey, List<String> problems) throws IOException {
        Path signatureFile = archive.resolveSibling(label + DetachedSignature.EXTENSION);
        if (!Files.isRegularFile(signatureFile)) {
            return false;
        }
        if (operatorKey.isEmpty()) {
            problems.add(signatureFile.getFileName() + ": it cannot be checked: the installer carries no readable "
                    + SignedFileList.PUBLIC_KEY_FILE_NAME);
        } else if (!Sha256WithRsa.verifiesDigest(HexFormat.of().parseHex(archiveSha256),
                Files.readAllBytes(signatureFile), operatorKey.get())) {
            problems.add(signatureFile.getFileName() + ": it is not a signature of " + label + " by the operator key "
                    + KeyFingerprint.of(operatorKey.get()) + " the installer carries");
        }
        return true;
    }
}
