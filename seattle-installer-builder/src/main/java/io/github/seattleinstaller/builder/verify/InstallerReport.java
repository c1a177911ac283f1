package io.github.seattleinstaller.builder.verify;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.archive.ArchiveFormat;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.filelist.SignedFileList;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What verifying an installer archive found.
 *
 * @param archive                the archive examined
 * @param platform               the platform its file name ends with, if it does
 * @param format                 the format its bytes announce, if any
 * @param topLevelDirectory      its single top-level directory, if it has exactly one
 * @param files                  every regular file under that directory by relative path, with its size and
 *                               SHA-256 (empty without a single top-level directory)
 * @param operatorKey            the fingerprint of the operator key it carries, if readable
 * @param vesselinfo             the content of its {@code vesselinfo}: present in customized installers
 * @param archiveSha256          the SHA-256 of the archive file, lowercase hex
 * @param tarBytesAfterLastEntry for tar.gz, the bytes of the tar stream after its last entry
 * @param checksumFileChecked    whether a {@code .sha256} beside the archive was checked
 * @param signatureFileChecked   whether a {@code .sig} beside the archive was checked
 * @param problems               every problem found, each naming the archive and the entry or file
 */
public record InstallerReport(Path archive, Optional<Platform> platform, Optional<ArchiveFormat> format,
        Optional<String> topLevelDirectory, SortedMap<String, FileDigest> files, Optional<KeyFingerprint> operatorKey,
        Optional<byte[]> vesselinfo,
        String archiveSha256, OptionalLong tarBytesAfterLastEntry, boolean checksumFileChecked,
        boolean signatureFileChecked, List<String> problems) {

    public InstallerReport {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        vesselinfo = vesselinfo.map(byte[]::clone);
        problems = List.copyOf(problems);
    }

    /** A copy of the vesselinfo bytes. */
    @Override
    public Optional<byte[]> vesselinfo() {
        return vesselinfo.map(byte[]::clone);
    }

    /**
     * The files the signed file list covers: every file under the top-level directory but the list, its
     * signature, {@code vesselinfo} and {@code vesselinfo.sig}.
     */
    public SortedMap<String, FileDigest> signedFiles() {
        SortedMap<String, FileDigest> signed = new TreeMap<>(files);
        signed.keySet().removeAll(SignedFileList.UNSIGNED_FILES);
        return Collections.unmodifiableSortedMap(signed);
    }

    public boolean hasVesselinfo() {
        return vesselinfo.isPresent();
    }

    public boolean isValid() {
        return problems.isEmpty();
    }
}
