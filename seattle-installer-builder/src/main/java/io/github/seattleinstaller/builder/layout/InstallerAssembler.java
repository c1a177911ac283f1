package io.github.seattleinstaller.builder.layout;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.filelist.SignedFileList;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import io.github.seattleinstaller.runtime.resources.Offcut;
import io.github.seattleinstaller.runtime.resources.VesselRestrictions;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Puts a base installer together: the launchers, README, runtime jars, configuration files and operator
 * key, then the signed file list over all of them. A base installer has no {@code vesselinfo}; that is
 * added per donor by customization, outside the signed list.
 */
public final class InstallerAssembler {
    /** Files the assembler writes at the top of every installer, besides {@code lib/}. */
    public static final Set<String> GENERATED_FILES = Set.of(InstallerLayout.INSTALL_SH, InstallerLayout.INSTALL_CMD,
            InstallerLayout.README, Offcut.FILE_NAME, VesselRestrictions.FILE_NAME,
            SignedFileList.PUBLIC_KEY_FILE_NAME, SignedFileList.FILE_NAME, SignedFileList.SIGNATURE_FILE_NAME);

    private static final String PAYLOAD_RULE = "an extra payload file has a plain relative path that no "
            + "installer file uses, outside lib/";

    private InstallerAssembler() {
    }

    /**
     * Every way the chosen names break the layout: a bad top-level directory name, extra payload paths
     * that are not plain, collide with the installer's own files or are unsigned names, and archive entry
     * names (the installer's own included) too long for a plain tar header.
     *
     * @param topLevelSource what to name in problems with the top-level directory, and with entry names
     *                       too long because of it
     * @param payloadSource  what to name in problems with the extra payload's paths
     */
    public static List<InputProblem> layoutProblems(String topLevelSource, String payloadSource,
            String topLevelDirectory, Collection<String> libraryJarNames, Collection<String> payloadPaths) {
        List<InputProblem> problems = new ArrayList<>();
        String topProblem = InstallerLayout.topLevelDirectoryProblem(topLevelDirectory);
        if (topProblem != null) {
            problems.add(InputProblem.whole(topLevelSource, "the top-level directory is one plain name",
                    "'" + topLevelDirectory + "': " + topProblem));
            return problems;
        }
        for (String path : payloadPaths) {
            String pathProblem = SignedFileList.pathProblem(path);
            String firstSegment = path.split("/", -1)[0];
            if (pathProblem != null) {
                problems.add(InputProblem.whole(payloadSource, PAYLOAD_RULE, "'" + path + "': " + pathProblem));
            } else if (GENERATED_FILES.contains(path) || SignedFileList.UNSIGNED_FILES.contains(path)
                    || firstSegment.equals(InstallerLayout.LIB_DIRECTORY)) {
                problems.add(InputProblem.whole(payloadSource, PAYLOAD_RULE, "'" + path + "' is the installer's own"));
            }
        }
        Map<String, String> sources = new LinkedHashMap<>();
        payloadPaths.forEach(path -> sources.put(path, payloadSource));
        libraryJarNames.forEach(jar -> sources.put(InstallerLayout.LIB_DIRECTORY + "/" + jar, topLevelSource));
        GENERATED_FILES.forEach(path -> sources.put(path, topLevelSource));
        sources.put(SignedFileList.VESSELINFO_FILE_NAME, topLevelSource);
        sources.put(SignedFileList.VESSELINFO_SIGNATURE_FILE_NAME, topLevelSource);
        sources.forEach((path, source) -> {
            String entryName = InstallerLayout.entryName(topLevelDirectory, path);
            if (entryName.length() > InstallerLayout.MAX_ENTRY_NAME_LENGTH) {
                problems.add(InputProblem.whole(source, "an archive entry name has at most "
                        + InstallerLayout.MAX_ENTRY_NAME_LENGTH + " characters (plain tar header)",
                        "'" + entryName + "' has " + entryName.length()));
            }
        });
        return problems;
    }

    /**
     * The files the assembler generates, apart from the signed file list: the launchers, the README, the
     * configuration files and the operator's public key, all small and held in memory. They are what a
     * build's fingerprint takes from the assembler without assembling (no digest of a jar, no signature).
     *
     * @param runtimeJarName the jar the launchers run
     * @param offcut         the {@code resources.offcut} to ship
     * @param restrictions   the {@code vessel.restrictions} to ship
     * @param operator       who built the installer, for the README
     * @param platform       the platform the installer is for: the README's line endings follow it
     */
    public static Map<String, InstallerFile> generatedFiles(String runtimeJarName, byte[] offcut, byte[] restrictions,
            RSAPublicKey publicKey, OperatorContact operator, Platform platform) {
        Map<String, InstallerFile> files = new LinkedHashMap<>();
        files.put(InstallerLayout.INSTALL_SH, new InstallerFile(InstallerLayout.EXECUTABLE_MODE,
                FileContent.of(LauncherScripts.installSh(runtimeJarName))));
        files.put(InstallerLayout.INSTALL_CMD, regular(LauncherScripts.installCmd(runtimeJarName)));
        files.put(InstallerLayout.README, regular(DonorReadme.text(KeyFingerprint.of(publicKey), operator, platform)));
        files.put(Offcut.FILE_NAME, regular(offcut));
        files.put(VesselRestrictions.FILE_NAME, regular(restrictions));
        files.put(SignedFileList.PUBLIC_KEY_FILE_NAME,
                regular(PublicKeyPem.encode(publicKey).getBytes(StandardCharsets.US_ASCII)));
        return files;
    }

    /**
     * The base installer's content, with {@code metainfo} listing and {@code metainfo.sig} signing every
     * other file. The names must have passed {@link #layoutProblems}.
     *
     * @param generated   the {@link #generatedFiles} made with the same operator key
     * @param libraryJars the content of {@code lib/} by file name
     * @param payload     extra files by relative path
     */
    public static InstallerContent assemble(String topLevelDirectory, Map<String, InstallerFile> generated,
            Map<String, FileContent> libraryJars, Map<String, FileContent> payload, OperatorKey operatorKey) {
        Map<String, InstallerFile> files = new LinkedHashMap<>(generated);
        libraryJars.forEach((name, jar) -> files.put(InstallerLayout.LIB_DIRECTORY + "/" + name,
                new InstallerFile(InstallerLayout.FILE_MODE, jar)));
        payload.forEach((path, content) -> {
            if (files.containsKey(path)) {
                throw new IllegalArgumentException("payload path '" + path + "' is the installer's own");
            }
            files.put(path, new InstallerFile(InstallerLayout.FILE_MODE, content));
        });

        Map<String, FileDigest> digests = new TreeMap<>();
        files.forEach((path, file) -> digests.put(path, file.content().digest()));
        SignedFileList fileList = SignedFileList.of(digests);
        files.put(SignedFileList.FILE_NAME, regular(fileList.toBytes()));
        files.put(SignedFileList.SIGNATURE_FILE_NAME, regular(fileList.sign(operatorKey.privateKey())));
        return new InstallerContent(topLevelDirectory, files);
    }

    private static InstallerFile regular(byte[] content) {
        return new InstallerFile(InstallerLayout.FILE_MODE, FileContent.of(content));
    }
}
