package io.github.seattleinstaller.builder.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;

/** An archive and, beside it, its {@code .sha256} and detached {@code .sig}. */
public record SignedArchive(Path archive, Path checksumFile, Path signatureFile) {

    /**
     * Stages the checksum and signature files of an archive staged as {@code archiveFileName}.
     *
     * @param sha256    the SHA-256 of the staged archive's bytes
     * @param signature its {@link DetachedSignature}
     * @return where the three files will be once committed
     */
    public static SignedArchive stageSidecars(StagedOutputs staging, String archiveFileName, byte[] sha256,
            byte[] signature) throws IOException {
        String checksumName = archiveFileName + ChecksumFile.EXTENSION;
        String signatureName = archiveFileName + DetachedSignature.EXTENSION;
        staging.stage(checksumName, ChecksumFile.content(HexFormat.of().formatHex(sha256), archiveFileName));
        staging.stage(signatureName, signature);
        return new SignedArchive(staging.finalPath(archiveFileName), staging.finalPath(checksumName),
                staging.finalPath(signatureName));
    }
}
