package io.github.seattleinstaller.builder.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/** An archive and, beside it, its {@code .sha256} and detached {@code .sig}. */
public record SignedArchive(Path archive, Path checksumFile, Path signatureFile) {

    /** Where an archive of this name and its sidecars are in the directory. */
    public static SignedArchive in(Path directory, String archiveFileName) {
        return new SignedArchive(directory.resolve(archiveFileName),
                directory.resolve(archiveFileName + ChecksumFile.EXTENSION),
                directory.resolve(archiveFileName + DetachedSignature.EXTENSION));
    }

    /** The file names of an archive of this name and of its sidecars. */
    public static List<String> fileNames(String archiveFileName) {
        return List.of(archiveFileName, archiveFileName + ChecksumFile.EXTENSION,
                archiveFileName + DetachedSignature.EXTENSION);
    }

    /** The three files, archive first. */
    public List<Path> files() {
        return List.of(archive, checksumFile, signatureFile);
    }

    /**
     * Stages the checksum and signature files of an archive staged as {@code archiveFileName}.
     *
     * @param sha256    the SHA-256 of the staged archive's bytes
     * @param signature its {@link DetachedSignature}
     * @return where the three files will be once committed
     */
    public static SignedArchive stageSidecars(StagedOutputs staging, String archiveFileName, byte[] sha256,
            byte[] signature) throws IOException {
        staging.stage(archiveFileName + ChecksumFile.EXTENSION,
                ChecksumFile.content(HexFormat.of().formatHex(sha256), archiveFileName));
        staging.stage(archiveFileName + DetachedSignature.EXTENSION, signature);
        return in(staging.directory(), archiveFileName);
    }
}
