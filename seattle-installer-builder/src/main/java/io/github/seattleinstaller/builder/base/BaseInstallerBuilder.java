package io.github.seattleinstaller.builder.base;

import io.github.seattleinstaller.builder.InputLabel;
import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.archive.ArchiveFormat;
import io.github.seattleinstaller.builder.archive.TarGzInstallers;
import io.github.seattleinstaller.builder.archive.ZipInstallers;
import io.github.seattleinstaller.builder.base.BaseInstallerRequest.Input;
import io.github.seattleinstaller.builder.keys.OperatorKey;
import io.github.seattleinstaller.builder.layout.FileContent;
import io.github.seattleinstaller.builder.layout.InstallerAssembler;
import io.github.seattleinstaller.builder.layout.InstallerContent;
import io.github.seattleinstaller.builder.layout.InstallerEntry;
import io.github.seattleinstaller.builder.layout.InstallerFile;
import io.github.seattleinstaller.builder.layout.RuntimeJars;
import io.github.seattleinstaller.builder.output.ChecksumFile;
import io.github.seattleinstaller.builder.output.DetachedSignature;
import io.github.seattleinstaller.builder.output.OutputPlan;
import io.github.seattleinstaller.builder.output.SignedArchive;
import io.github.seattleinstaller.builder.output.StagedOutputs;
import io.github.seattleinstaller.builder.output.StagingCheckpoint;
import io.github.seattleinstaller.builder.verify.InstallerReport;
import io.github.seattleinstaller.builder.verify.InstallerVerifier;
import io.github.seattleinstaller.builder.verify.InvalidInstallerException;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;
import io.github.seattleinstaller.runtime.log.ProgressLog;
import io.github.seattleinstaller.runtime.resources.Offcut;
import io.github.seattleinstaller.runtime.resources.VesselRestrictions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the signed base installers, one archive per platform, each with its {@code .sha256} and detached
 * {@code .sig}. With an output timestamp the archives are reproducible: the same inputs give the same
 * bytes. A build whose inputs have not changed since the last one, and whose outputs are as that build
 * wrote them (both recorded in a fingerprint file beside the outputs, see {@link BuildRecord}), writes
 * nothing, and decides so from file sizes and times alone: it hashes no jar, signs nothing and reads no
 * archive. Outputs are staged under temporary names, checked with {@link InstallerVerifier}, and moved
 * into place only when all are complete.
 */
public final class BaseInstallerBuilder {
    public static final String FINGERPRINT_FILE_EXTENSION = ".build-fingerprint";

    private static final String REQUEST = "<base installer request>";
    private static final String EXTRA_PAYLOAD = "extra payload";
    private static final int BUFFER_SIZE = 64 * 1024;

    private final ProgressLog log;
    private final StagingCheckpoint checkpoint;
    private final InstallerVerifier verifier = new InstallerVerifier();

    public BaseInstallerBuilder(ProgressLog log) {
        this(log, StagingCheckpoint.NONE);
    }

    BaseInstallerBuilder(ProgressLog log, StagingCheckpoint checkpoint) {
        this.log = log;
        this.checkpoint = checkpoint;
    }

    /**
     * Builds, or finds up to date, the base installers the request describes.
     *
     * @throws InvalidInputException listing every problem with the request's files and names; nothing is
     *                               written then
     */
    public BaseInstallerResult build(BaseInstallerRequest request) throws IOException, InvalidInputException {
        List<InputProblem> problems = new ArrayList<>();
        Optional<RuntimeJars> jars = RuntimeJars.check(request.runtimeJar(), request.dependencyJars(), log, problems);
        byte[] offcut = readOffcut(request, problems);
        byte[] restrictions = readRestrictions(request, problems);
        checkNamesAndOptions(request, jars, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Cannot build the base installers", problems);
        }

        OperatorKey key = request.operatorKey();
        KeyFingerprint operatorKey = key.fingerprint();
        // The README differs by platform (its line endings), so each platform has its own generated files.
        Map<Platform, Map<String, InstallerFile>> generated = new EnumMap<>(Platform.class);
        for (Platform platform : request.platforms()) {
            generated.put(platform, InstallerAssembler.generatedFiles(jars.get().runtimeJarFileName(), offcut,
                    restrictions, key.publicKey(), request.operator(), platform));
        }
        String fingerprint = BuildFingerprint.of(request, operatorKey, generated, inputFiles(request, jars.get()));
        Path fingerprintFile = fingerprintFile(request);
        Map<Platform, SignedArchive> outputs = new EnumMap<>(Platform.class);
        request.platforms().forEach(platform ->
                outputs.put(platform, SignedArchive.in(request.outputDirectory(), platform.fileName(request.baseFileName()))));
        if (upToDate(request, fingerprintFile, fingerprint)) {
            log.info("Base installers " + fileNames(outputs) + " are up to date");
            return new BaseInstallerResult(true, operatorKey, outputs, fingerprintFile);
        }

        Map<String, FileContent> libraryJars = digestAll(jars.get().libraryJars());
        Map<String, FileContent> payload = digestAll(request.extraPayload());
        Map<Platform, InstallerContent> contents = new EnumMap<>(Platform.class);
        generated.forEach((platform, files) -> contents.put(platform,
                InstallerAssembler.assemble(request.topLevelDirectory(), files, libraryJars, payload, key)));
        writeOutputs(request, contents, key, fingerprintFile, fingerprint);
        return new BaseInstallerResult(false, operatorKey, outputs, fingerprintFile);
    }

    /**
     * Writes every platform's archive and sidecars, then the record of inputs and outputs, all staged, then
     * moves them into place.
     */
    private void writeOutputs(BaseInstallerRequest request, Map<Platform, InstallerContent> contents, OperatorKey key,
            Path fingerprintFile, String fingerprint) throws IOException {
        KeyFingerprint operatorKey = key.fingerprint();
        Instant time = request.output().entryTime();
        String dated = request.outputTimestamp().isPresent() ? ", entries dated " + time
                : ", entries dated now (set an output timestamp for reproducible archives)";
        log.info("Building base installers for " + request.platforms() + ": "
                + contents.values().iterator().next().files().size() + " files, operator key " + operatorKey + dated);
        Files.createDirectories(request.outputDirectory());
        Map<String, BuildRecord.Output> written = new LinkedHashMap<>();
        try (StagedOutputs staging = new StagedOutputs(request.outputDirectory(), checkpoint)) {
            for (Platform platform : request.platforms()) {
                long started = System.nanoTime();
                List<InstallerEntry> entries = contents.get(platform).entries();
                String fileName = platform.fileName(request.baseFileName());
                Path archive = staging.stage(fileName);
                writeArchive(platform.format(), entries, time, archive);
                InstallerReport report = selfCheck(archive, fileName, operatorKey);
                byte[] sha256 = HexFormat.of().parseHex(report.archiveSha256());
                SignedArchive.stageSidecars(staging, fileName, sha256, Sha256WithRsa.signDigest(sha256, key.privateKey()));
                written.put(fileName, BuildRecord.Output.of(archive, report.archiveSha256()));
                for (String sidecar : List.of(fileName + ChecksumFile.EXTENSION, fileName + DetachedSignature.EXTENSION)) {
                    Path staged = staging.temporaryFile(sidecar);
                    written.put(sidecar, BuildRecord.Output.of(staged, FileDigest.of(staged).sha256()));
                }
                log.info("Built " + fileName + " (" + Files.size(archive) + " bytes, SHA-256 "
                        + report.archiveSha256() + ") in " + (System.nanoTime() - started) / 1_000_000
                        + " ms, verified");
            }
            staging.stageLast(fingerprintFile.getFileName().toString(), new BuildRecord(fingerprint, written).toBytes());
            // Without a record, a build interrupted while moving outputs into place is never taken as up to date.
            Files.deleteIfExists(fingerprintFile);
            staging.commit();
        }
    }

    private static byte[] readOffcut(BaseInstallerRequest request, List<InputProblem> problems) throws IOException {
        if (request.offcutFile().isEmpty()) {
            return Offcut.defaultText().getBytes(StandardCharsets.UTF_8);
        }
        Path file = request.offcutFile().get();
        String source = InputLabel.of(request.label(Input.OFFCUT_FILE), file);
        if (!Files.isRegularFile(file)) {
            problems.add(InputProblem.whole(source, "the offcut override is a readable file", "no such file"));
            return null;
        }
        byte[] content = Files.readAllBytes(file);
        try {
            Offcut.parse(source, new String(content, StandardCharsets.UTF_8));
        } catch (InvalidInputException invalid) {
            problems.addAll(invalid.problems());
        }
        return content;
    }

    private static byte[] readRestrictions(BaseInstallerRequest request, List<InputProblem> problems)
            throws IOException {
        if (request.restrictionsFile().isEmpty()) {
            return VesselRestrictions.defaultText().getBytes(StandardCharsets.UTF_8);
        }
        Path file = request.restrictionsFile().get();
        String source = InputLabel.of(request.label(Input.RESTRICTIONS_FILE), file);
        if (!Files.isRegularFile(file)) {
            problems.add(InputProblem.whole(source, "the restrictions override is a readable file", "no such file"));
            return null;
        }
        byte[] content = Files.readAllBytes(file);
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content));
        } catch (CharacterCodingException notText) {
            problems.add(InputProblem.whole(source, "vessel.restrictions is UTF-8 text",
                    "it holds bytes that are not UTF-8"));
        }
        return content;
    }

    private static void checkNamesAndOptions(BaseInstallerRequest request, Optional<RuntimeJars> jars,
            List<InputProblem> problems) {
        OutputPlan.plainNameProblem(request.label(Input.BASE_FILE_NAME), "base file name", request.baseFileName())
                .ifPresent(problems::add);
        if (request.platforms().isEmpty()) {
            problems.add(InputProblem.whole(REQUEST, "at least one platform is built (" + Platform.validNames() + ")",
                    "no platform"));
        }
        List<String> outputNames = new ArrayList<>(List.of(fingerprintFile(request).getFileName().toString()));
        request.platforms().forEach(platform ->
                outputNames.addAll(SignedArchive.fileNames(platform.fileName(request.baseFileName()))));
        problems.addAll(request.output().problems(outputNames));
        request.extraPayload().forEach((path, file) -> {
            if (!Files.isRegularFile(file)) {
                problems.add(InputProblem.whole(file.toString(), "an extra payload file is a readable file",
                        "no such file (for '" + path + "')"));
            }
        });
        List<String> jarNames = jars.map(found -> List.copyOf(found.libraryJars().keySet())).orElse(List.of());
        problems.addAll(InstallerAssembler.layoutProblems(request.label(Input.TOP_LEVEL_DIRECTORY), EXTRA_PAYLOAD,
                request.topLevelDirectory(), jarNames, request.extraPayload().keySet()));
    }

    private static Map<String, FileContent> digestAll(Map<String, Path> files) throws IOException {
        Map<String, FileContent> digested = new LinkedHashMap<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            digested.put(file.getKey(), FileContent.of(file.getValue()));
        }
        return digested;
    }

    /** Every input file, by the path it has (or overrides) in the installer. */
    private static Map<String, Path> inputFiles(BaseInstallerRequest request, RuntimeJars jars) {
        Map<String, Path> inputs = new LinkedHashMap<>();
        jars.libraryJars().forEach((name, jar) -> inputs.put("lib/" + name, jar));
        request.offcutFile().ifPresent(file -> inputs.put(Offcut.FILE_NAME, file));
        request.restrictionsFile().ifPresent(file -> inputs.put(VesselRestrictions.FILE_NAME, file));
        inputs.putAll(request.extraPayload());
        return inputs;
    }

    private static Path fingerprintFile(BaseInstallerRequest request) {
        return request.outputDirectory().resolve(request.baseFileName() + FINGERPRINT_FILE_EXTENSION);
    }

    /**
     * True if the last build had the same inputs and its outputs are all there as it wrote them, judged by
     * their sizes and times ({@link BuildRecord}); outputs only touched are hashed, and the record takes
     * their new times.
     */
    private boolean upToDate(BaseInstallerRequest request, Path fingerprintFile, String fingerprint)
            throws IOException {
        Optional<BuildRecord> record = BuildRecord.read(fingerprintFile);
        if (record.isEmpty() || !record.get().inputs().equals(fingerprint)) {
            return false;
        }
        Path directory = request.outputDirectory();
        List<String> touched = new ArrayList<>();
        for (Platform platform : request.platforms()) {
            for (String fileName : SignedArchive.fileNames(platform.fileName(request.baseFileName()))) {
                switch (record.get().stateOf(directory, fileName)) {
                    case MISSING -> {
                        log.info("Rebuilding: " + fileName + " is missing");
                        return false;
                    }
                    case CHANGED -> {
                        log.warn("Rebuilding: " + fileName + " is no longer what the last build wrote");
                        return false;
                    }
                    case TOUCHED -> touched.add(fileName);
                    case UNCHANGED -> {
                    }
                }
            }
        }
        if (!touched.isEmpty()) {
            try (StagedOutputs staging = new StagedOutputs(directory, checkpoint)) {
                staging.stage(fingerprintFile.getFileName().toString(),
                        record.get().retimed(directory, touched).toBytes());
                staging.commit();
            }
        }
        return true;
    }

    private static void writeArchive(ArchiveFormat format, List<InstallerEntry> entries, Instant time, Path archive)
            throws IOException {
        if (format == ArchiveFormat.ZIP) {
            ZipInstallers.writeBase(entries, time, archive);
            return;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive), BUFFER_SIZE)) {
            TarGzInstallers.writeBase(entries, time, out);
        }
    }

    /**
     * Verifies a freshly written archive as a donor's installer would be verified: this catches an input
     * that changed while it was being archived, and any flaw in the writing itself.
     */
    private InstallerReport selfCheck(Path archive, String fileName, KeyFingerprint operatorKey) throws IOException {
        try {
            return verifier.verify(archive, Optional.of(operatorKey));
        } catch (InvalidInstallerException invalid) {
            throw new IOException("The base installer " + fileName + " just built fails verification, so it was not "
                    + "published (did an input change during the build?):\n  "
                    + String.join("\n  ", invalid.problems()), invalid);
        }
    }

    private static List<String> fileNames(Map<Platform, SignedArchive> outputs) {
        return outputs.values().stream().map(output -> output.archive().getFileName().toString()).toList();
    }
}
