package io.github.seattleinstaller.runtime.cli;

import io.github.seattleinstaller.runtime.benchmark.Benchmark;
import io.github.seattleinstaller.runtime.benchmark.BenchmarkResult;
import io.github.seattleinstaller.runtime.benchmark.MaximaFile;
import io.github.seattleinstaller.runtime.benchmark.ResourceFigure;
import io.github.seattleinstaller.runtime.donation.DonationCalculator;
import io.github.seattleinstaller.runtime.donation.InstallPlan;
import io.github.seattleinstaller.runtime.donation.InsufficientResourcesException;
import io.github.seattleinstaller.runtime.donation.VesselPlan;
import io.github.seattleinstaller.runtime.filelist.FileDigest;
import io.github.seattleinstaller.runtime.filelist.FileListVerifier;
import io.github.seattleinstaller.runtime.filelist.FileListVerifier.VerifiedFileList;
import io.github.seattleinstaller.runtime.filelist.SignedFileList;
import io.github.seattleinstaller.runtime.filelist.TamperedInstallerException;
import io.github.seattleinstaller.runtime.filelist.VesselInfoSignature;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.io.IoFailures;
import io.github.seattleinstaller.runtime.log.FileInstallLog;
import io.github.seattleinstaller.runtime.resources.Offcut;
import io.github.seattleinstaller.runtime.resources.Resource;
import io.github.seattleinstaller.runtime.resources.ResourceAmounts;
import io.github.seattleinstaller.runtime.resources.SeattleNumbers;
import io.github.seattleinstaller.runtime.resources.VesselRestrictions;
import io.github.seattleinstaller.runtime.state.InstallLock;
import io.github.seattleinstaller.runtime.state.NotNodeStateException;
import io.github.seattleinstaller.runtime.state.ScratchDirectory;
import io.github.seattleinstaller.runtime.state.StateMarker;
import io.github.seattleinstaller.runtime.state.VesselStateWriter;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One install, in the order that keeps a donor machine safe. First every check that only reads: where the
 * state goes (never onto or above the installer, never over a directory that is not a node state), the
 * signed file list, the operator's signature of vesselinfo, vesselinfo itself (before any benchmark,
 * unlike the original), the offcut and the restrictions. Then, holding the state's {@link InstallLock}
 * (one install at a time), the benchmark in a scratch directory beside the state, the plan, and the
 * state, written atomically with its {@link StateMarker}. Each failure ends the install with its own
 * {@link ExitCode}; a refusal deletes nothing, and nothing is written before the lock is taken.
 */
public final class Installer {
    /** A signature is a few hundred bytes; more is not read (and does not verify). */
    private static final int MAX_SIGNATURE_BYTES = 64 * 1024;

    private final PrintStream out;
    private final Benchmark benchmark;

    /** What the read-only checks established. */
    private record Checked(VerifiedFileList installer, byte[] vesselInfoBytes, VesselInfo vessels,
            ResourceAmounts offcut, String restrictions) {
    }

    /** Failure of one step: its exit code and what to tell the donor. */
    private static final class InstallFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final ExitCode exitCode;

        InstallFailure(ExitCode exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    public Installer(PrintStream out, Benchmark benchmark) {
        this.out = out;
        this.benchmark = benchmark;
    }

    /** Runs the install described by the options; never throws, never waits for input. */
    public ExitCode run(InstallerOptions options) {
        FileInstallLog log;
        try {
            log = FileInstallLog.createTemporary(out);
        } catch (IOException e) {
            out.println("error: cannot create the install log in the temporary directory: " + describe(e));
            return ExitCode.IO_FAILURE;
        }
        boolean keepTemporaryLog = true;
        try {
            log.info("Seattle installer " + version() + " on Java " + System.getProperty("java.version") + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            log.info("installer directory " + options.installerDirectory() + ", state directory "
                    + options.resolvedInstallDirectory() + ", " + SeattleNumbers.pythonStr(options.donatedPercent())
                    + "% donated" + (options.dryRun() ? ", dry run" : "") + (options.reinstall() ? ", reinstall" : ""));
            requireWorkingLog(log);
            Checked checked = check(options, log);
            InstallPlan plan;
            if (options.dryRun()) {
                plan = plan(options, checked, measure(options, Optional.empty(), log), log);
                keepTemporaryLog = false;
                printPlan("Dry run: nothing was written. This install would create", plan, options);
                return ExitCode.SUCCESS;
            }
            // With a maxima file the plan needs no benchmark: a share too small is refused before the lock.
            plan = options.maximaFile().isEmpty() ? null
                    : plan(options, checked, measure(options, Optional.empty(), log), log);
            Path stateDirectory = options.resolvedInstallDirectory();
            try (InstallLock lock = acquireLock(stateDirectory)) {
                log.info("holding the install lock " + InstallLock.lockFile(stateDirectory));
                // Checked again under the lock: another install may have finished since the first look.
                checkExistingState(options);
                if (plan == null) {
                    plan = plan(options, checked, measure(options, Optional.of(stateDirectory), log), log);
                }
                requireWorkingLog(log);
                writeState(options, checked, plan, log);
            } catch (IOException lockNotReleased) {
                log.warn("could not release the install lock (" + describe(lockNotReleased)
                        + "); the system releases it when the installer ends");
            }
            keepTemporaryLog = false;
            printPlan("Installed", plan, options);
            out.println("The install log is " + log.file());
            return ExitCode.SUCCESS;
        } catch (InstallFailure failure) {
            log.info("install failed (exit code " + failure.exitCode.code() + "): " + failure.getMessage());
            out.println("error: " + failure.getMessage());
            out.println("Nothing was installed. The install log is " + log.file());
            return failure.exitCode;
        } catch (RuntimeException | Error unexpected) {
            StringWriter trace = new StringWriter();
            unexpected.printStackTrace(new PrintWriter(trace));
            log.info("unexpected failure: " + trace);
            out.println("error: an unexpected failure (" + unexpected + "). Nothing was installed."
                    + " Please report it with the install log " + log.file());
            return ExitCode.IO_FAILURE;
        } finally {
            closeQuietly(log);
            if (!keepTemporaryLog) {
                log.deleteTemporaryCopy();
            }
        }
    }

    /** Everything that can be checked without writing anything, each check with its own exit code. */
    private Checked check(InstallerOptions options, FileInstallLog log) throws InstallFailure {
        Path installerDirectory = options.installerDirectory();
        checkStateLocation(options);
        VerifiedFileList verified = verifyInstaller(installerDirectory, options, log);
        out.println("Installer verified: " + verified.fileList().files().size() + " files signed by the operator key "
                + verified.fingerprint() + (options.expectedKey().isPresent() ? " (as expected)" : ""));
        checkExistingState(options);

        Path vesselInfoFile = installerDirectory.resolve(SignedFileList.VESSELINFO_FILE_NAME);
        byte[] vesselInfoBytes = readVesselInfoBytes(vesselInfoFile);
        checkVesselInfoSignature(installerDirectory, vesselInfoBytes, verified, options, log);
        VesselInfo vessels = parseVesselInfo(vesselInfoFile, vesselInfoBytes, log);
        ResourceAmounts offcut = readOffcut(installerDirectory.resolve(Offcut.FILE_NAME));
        String restrictions = readRestrictions(installerDirectory.resolve(VesselRestrictions.FILE_NAME));
        log.info("vessel restrictions: " + restrictions.lines().filter(line -> line.startsWith("call ")).count()
                + " calls allowed");
        return new Checked(verified, vesselInfoBytes, vessels, offcut, restrictions);
    }

    /**
     * The state never goes onto or above the installer (replacing it would delete the installer), nor
     * anywhere inside it but its default {@value InstallerOptions#DEFAULT_INSTALL_DIRECTORY_NAME} (the only
     * state the installer's file-list check knows to be no part of the installer).
     */
    private static void checkStateLocation(InstallerOptions options) throws InstallFailure {
        Path installerDirectory = realPathOfNearestExisting(options.installerDirectory());
        Path state = realPathOfNearestExisting(options.resolvedInstallDirectory());
        Path ownState = installerDirectory.resolve(InstallerOptions.DEFAULT_INSTALL_DIRECTORY_NAME);
        if (installerDirectory.startsWith(state)) {
            throw new InstallFailure(ExitCode.USAGE, "--install-dir " + options.resolvedInstallDirectory()
                    + " is the installer's directory or one above it: the node state cannot go there, since"
                    + " replacing it would delete the installer. Choose another --install-dir, or none for the"
                    + " default " + ownState);
        }
        if (state.startsWith(installerDirectory) && !state.equals(ownState)) {
            throw new InstallFailure(ExitCode.USAGE, "--install-dir " + options.resolvedInstallDirectory()
                    + " lies inside the installer, where only the default " + ownState + " may hold the state"
                    + " (anything else there would make the installer look altered). Choose a directory outside"
                    + " the installer, or none for the default");
        }
    }

    /** The real path of the path's nearest existing ancestor, joined with the rest of the path. */
    private static Path realPathOfNearestExisting(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path existing = absolute; existing != null; existing = existing.getParent()) {
            try {
                return existing.toRealPath().resolve(existing.relativize(absolute));
            } catch (IOException notThere) {
                // Try its parent.
            }
        }
        return absolute;
    }

    /**
     * An existing state directory is replaced only with {@code --reinstall} and only if it carries a
     * {@link StateMarker}: a directory without one is never deleted.
     */
    private static void checkExistingState(InstallerOptions options) throws InstallFailure {
        Path stateDirectory = options.resolvedInstallDirectory();
        if (!Files.exists(stateDirectory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean marked;
        try {
            marked = StateMarker.read(stateDirectory).isPresent();
        } catch (IOException e) {
            throw new InstallFailure(ExitCode.IO_FAILURE, "cannot read " + stateDirectory + ": " + describe(e));
        }
        if (!marked) {
            throw new InstallFailure(ExitCode.ALREADY_INSTALLED, new NotNodeStateException(stateDirectory).getMessage()
                    + ". Choose another --install-dir (a new or a node state directory)");
        }
        if (!options.reinstall()) {
            throw new InstallFailure(ExitCode.ALREADY_INSTALLED, "a node is already installed in " + stateDirectory
                    + "; run again with --reinstall to replace its state, or choose another --install-dir");
        }
    }

    private static InstallLock acquireLock(Path stateDirectory) throws InstallFailure {
        Optional<InstallLock> lock;
        try {
            lock = InstallLock.tryAcquire(stateDirectory);
        } catch (IOException e) {
            throw new InstallFailure(ExitCode.IO_FAILURE, "cannot write the state in " + stateDirectory
                    + ": cannot create its lock file " + InstallLock.lockFile(stateDirectory) + ": " + describe(e));
        }
        return lock.orElseThrow(() -> new InstallFailure(ExitCode.INSTALL_IN_PROGRESS, "another install into "
                + stateDirectory + " is in progress (it holds " + InstallLock.lockFile(stateDirectory)
                + "); wait until it ends, then run again if it failed"));
    }

    /** A log that cannot be written (a full temporary directory) fails the install before it writes anything. */
    private static void requireWorkingLog(FileInstallLog log) throws InstallFailure {
        Optional<IOException> failure = log.failure();
        if (failure.isPresent()) {
            throw new InstallFailure(ExitCode.IO_FAILURE, "cannot write the install log " + log.file() + ": "
                    + describe(failure.get()) + ". Free some space in the temporary directory (or point TMPDIR"
                    + " elsewhere) and run again");
        }
    }

    private VerifiedFileList verifyInstaller(Path installerDirectory, InstallerOptions options, FileInstallLog log)
            throws InstallFailure {
        try {
            VerifiedFileList verified = FileListVerifier.verifyDirectory(installerDirectory,
                    ownStateLocation(installerDirectory), options.expectedKey());
            log.info("signed file list verified: " + verified.fileList().files().size() + " files, operator key "
                    + verified.fingerprint());
            return verified;
        } catch (TamperedInstallerException e) {
            throw new InstallFailure(ExitCode.TAMPERED_INSTALLER, e.getMessage()
                    + "\nDo not use this installer: download it again from your operator.");
        } catch (IOException e) {
            throw new InstallFailure(ExitCode.IO_FAILURE, "cannot read the installer in " + installerDirectory + ": "
                    + describe(e));
        }
    }

    /**
     * What the file-list check leaves out: exactly the installer's own state location, whatever
     * {@code --install-dir} says this time. That is the default state directory if it carries a marker
     * (an archive that ships one without it is tampered), its staging and scratch siblings and its lock
     * file.
     */
    private static Predicate<String> ownStateLocation(Path installerDirectory) throws IOException {
        String stateName = InstallerOptions.DEFAULT_INSTALL_DIRECTORY_NAME;
        boolean ownStateMarked = StateMarker.read(installerDirectory.resolve(stateName)).isPresent();
        return name -> VesselStateWriter.belongsToStateLocation(name, stateName)
                && (!name.equals(stateName) || ownStateMarked);
    }

    private static byte[] readVesselInfoBytes(Path file) throws InstallFailure {
        try {
            return VesselInfo.readBytes(file);
        } catch (NoSuchFileException e) {
            throw new InstallFailure(ExitCode.BAD_VESSELINFO, "this installer has no vesselinfo (" + file
                    + "): it is a base installer. Install the customized installer your operator made for you.");
        } catch (InvalidVesselInfoException e) {
            throw new InstallFailure(ExitCode.BAD_VESSELINFO, e.getMessage());
        } catch (IOException e) {
            throw new InstallFailure(ExitCode.IO_FAILURE, "cannot read " + file + ": " + describe(e));
        }
    }

    /**
     * The vesselinfo says who receives the donation, so it must be the operator's: signed by the key the
     * file list was signed with. Only {@code --allow-unsigned-vesselinfo} lets another through, loudly.
     */
    private void checkVesselInfoSignature(Path installerDirectory, byte[] vesselInfo, VerifiedFileList verified,
            InstallerOptions options, FileInstallLog log) throws InstallFailure {
        Path signatureFile = installerDirectory.resolve(SignedFileList.VESSELINFO_SIGNATURE_FILE_NAME);
        byte[] signature;
        try {
            signature = Files.isRegularFile(signatureFile) ? readAtMost(signatureFile, MAX_SIGNATURE_BYTES) : null;
        } catch (IOException e) {
            throw new InstallFailure(ExitCode.IO_FAILURE, "cannot read " + signatureFile + ": " + describe(e));
        }
        Optional<String> problem = VesselInfoSignature.problem(vesselInfo, signature, verified.operatorKey());
        if (problem.isEmpty()) {
            log.info(SignedFileList.VESSELINFO_FILE_NAME + " is signed by the operator key " + verified.fingerprint());
            return;
        }
        if (!options.allowUnsignedVesselInfo()) {
            throw new InstallFailure(ExitCode.TAMPERED_INSTALLER, problem.get() + ".\nThe vesselinfo says who"
                    + " receives your donation: do not use this installer, download it again from your operator.");
        }
        log.warn("*** " + InstallerOptions.ALLOW_UNSIGNED_VESSELINFO + " is set: installing a vesselinfo that the"
                + " operator key " + verified.fingerprint() + " did not sign (" + problem.get() + "). Only for an"
                + " operator's own tests: whoever wrote this vesselinfo receives this machine's donation. ***");
    }

    private static byte[] readAtMost(Path file, int maximum) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(maximum);
        }
    }

    private static VesselInfo parseVesselInfo(Path file, byte[] content, FileInstallLog log) throws InstallFailure {
        try {
            VesselInfo vessels = VesselInfo.parse(file.toString(), content);
            log.info("vesselinfo: " + vessels.vessels().size() + " vessels: " + vessels);
            return vessels;
        } catch (InvalidVesselInfoException e) {
            throw new InstallFailure(ExitCode.BAD_VESSELINFO, e.getMessage());
        }
    }

    private static ResourceAmounts readOffcut(Path file) throws InstallFailure {
        try {
            return Offcut.read(file);
        } catch (InvalidInputException e) {
            throw new InstallFailure(ExitCode.DEFECTIVE_INSTALLER, e.getMessage());
        } catch (IOException e) {
            throw new InstallFailure(ExitCode.DEFECTIVE_INSTALLER, "cannot read " + file + ": " + describe(e));
        }
    }

    private static String readRestrictions(Path file) throws InstallFailure {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InstallFailure(ExitCode.DEFECTIVE_INSTALLER, "cannot read " + file + ": " + describe(e));
        }
    }

    /**
     * The machine's maxima: from the maxima file, or measured in a scratch directory beside the state
     * directory (on its file system; the caller holds the lock) or, when there is none, in the system's
     * temporary directory. The scratch directory is deleted afterwards, and on Ctrl-C or SIGTERM.
     */
    private BenchmarkResult measure(InstallerOptions options, Optional<Path> besideState, FileInstallLog log)
            throws InstallFailure {
        BenchmarkResult result;
        if (options.maximaFile().isPresent()) {
            Path file = options.maximaFile().get();
            out.println("Taking this machine's maxima from " + file + " (no benchmark)");
            try {
                result = MaximaFile.read(file, log);
            } catch (InvalidInputException e) {
                throw new InstallFailure(ExitCode.USAGE, e.getMessage());
            } catch (IOException e) {
                throw new InstallFailure(ExitCode.USAGE, "cannot read the maxima file " + file + ": " + describe(e));
            }
        } else {
            out.println("Measuring this machine (a few seconds)...");
            try (ScratchDirectory scratch = besideState.isPresent() ? ScratchDirectory.besideState(besideState.get())
                    : ScratchDirectory.inTemporaryDirectory()) {
                result = benchmark.run(scratch.path(), log);
            } catch (IOException e) {
                throw new InstallFailure(ExitCode.IO_FAILURE, "cannot create or remove the benchmark's scratch"
                        + " directory: " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallFailure(ExitCode.IO_FAILURE, "interrupted while measuring this machine");
            }
        }
        for (ResourceFigure figure : result.figures()) {
            out.println("  " + figure.describe());
        }
        return result;
    }

    private static InstallPlan plan(InstallerOptions options, Checked checked, BenchmarkResult maxima,
            FileInstallLog log) throws InstallFailure {
        VesselInfo vessels = checked.vessels();
        try {
            InstallPlan plan = DonationCalculator.plan(maxima.maxima(), options.donatedPercent(), checked.offcut(),
                    vessels);
            log.info("donated after the offcut of " + vessels.vessels().size() + " vessels: "
                    + formatAmounts(plan.donated()));
            log.info("one tenth of the donation: " + formatAmounts(plan.tenth()));
            for (VesselPlan vessel : plan.vessels()) {
                log.info(vessel.name() + " (" + vessel.spec().percent() + "%): " + formatAmounts(vessel.resources())
                        + ", ports " + portRanges(vessel.ports()));
            }
            return plan;
        } catch (InsufficientResourcesException e) {
            throw new InstallFailure(ExitCode.INSUFFICIENT_RESOURCES, e.getMessage()
                    + ". Donate a larger share with --percent, or ask your operator for fewer vessels.");
        }
    }

    private void writeState(InstallerOptions options, Checked checked, InstallPlan plan, FileInstallLog log)
            throws InstallFailure {
        Path stateDirectory = options.resolvedInstallDirectory();
        Path temporaryLog = log.file();
        VerifiedFileList installer = checked.installer();
        StateMarker marker = new StateMarker(version(), installer.fingerprint(), installer.fileListSha256(),
                FileDigest.of(checked.vesselInfoBytes()).sha256(), options.installerDirectory().toString(),
                Instant.now());
        try {
            log.info("writing the state of " + plan.vessels().size() + " vessels into " + stateDirectory);
            log.close();
            new VesselStateWriter(log).write(stateDirectory, plan, checked.restrictions(), marker,
                    options.reinstall() ? VesselStateWriter.ExistingState.REPLACE
                            : VesselStateWriter.ExistingState.REFUSE,
                    List.of(temporaryLog));
            log.reopen(stateDirectory.resolve(FileInstallLog.FILE_NAME));
            log.info("state written");
        } catch (NotNodeStateException e) {
            reopenQuietly(log, temporaryLog);
            throw new InstallFailure(ExitCode.ALREADY_INSTALLED, e.getMessage());
        } catch (IOException e) {
            reopenQuietly(log, temporaryLog);
            throw new InstallFailure(ExitCode.IO_FAILURE, "cannot write the state in " + stateDirectory + ": "
                    + describe(e));
        }
    }

    private void printPlan(String heading, InstallPlan plan, InstallerOptions options) {
        out.println(heading + " " + plan.vessels().size() + " vessels with "
                + SeattleNumbers.pythonStr(options.donatedPercent()) + "% of this machine in "
                + options.resolvedInstallDirectory() + ":");
        for (VesselPlan vessel : plan.vessels()) {
            int users = vessel.spec().users().size();
            out.println("  " + vessel.name() + " (" + vessel.spec().percent() + "%): owner "
                    + vessel.spec().owner().fingerprint() + ", " + users + (users == 1 ? " user" : " users")
                    + ", ports " + portRanges(vessel.ports()));
            out.println("      " + formatAmounts(vessel.resources()));
        }
    }

    static String formatAmounts(ResourceAmounts amounts) {
        return Arrays.stream(Resource.values())
                .map(resource -> resource.seattleName() + " " + SeattleNumbers.format(resource, amounts.get(resource)))
                .collect(Collectors.joining(", "));
    }

    /** "63100-63179" for consecutive ports; ranges joined by commas otherwise. */
    static String portRanges(List<Integer> ports) {
        StringBuilder text = new StringBuilder();
        int index = 0;
        while (index < ports.size()) {
            int first = ports.get(index);
            int last = first;
            while (index + 1 < ports.size() && ports.get(index + 1) == last + 1) {
                last = ports.get(++index);
            }
            index++;
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(first == last ? String.valueOf(first) : first + "-" + last);
        }
        return text.toString();
    }

    /** An I/O failure as a donor can read it: the file concerned and the reason, not the exception class. */
    static String describe(IOException e) {
        return IoFailures.describe(e);
    }

    private static String version() {
        String version = Installer.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    private static void closeQuietly(FileInstallLog log) {
        try {
            log.close();
        } catch (IOException ignored) {
            // The install's outcome is already decided and reported; a log that cannot be flushed changes nothing.
        }
    }

    private static void reopenQuietly(FileInstallLog log, Path file) {
        try {
            log.reopen(file);
        } catch (IOException | IllegalStateException e) {
            // Keep going: the failure itself is reported on the console.
        }
    }
}
