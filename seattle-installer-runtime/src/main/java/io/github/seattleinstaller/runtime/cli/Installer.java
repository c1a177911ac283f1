package io.github.seattleinstaller.runtime.cli;

import io.github.seattleinstaller.runtime.benchmark.Benchmark;
import io.github.seattleinstaller.runtime.benchmark.BenchmarkResult;
import io.github.seattleinstaller.runtime.benchmark.MaximaFile;
import io.github.seattleinstaller.runtime.benchmark.ResourceFigure;
import io.github.seattleinstaller.runtime.donation.DonationCalculator;
import io.github.seattleinstaller.runtime.donation.InstallPlan;
import io.github.seattleinstaller.runtime.donation.InsufficientResourcesException;
import io.github.seattleinstaller.runtime.donation.VesselPlan;
import io.github.seattleinstaller.runtime.filelist.FileListVerifier;
import io.github.seattleinstaller.runtime.filelist.FileListVerifier.VerifiedFileList;
import io.github.seattleinstaller.runtime.filelist.SignedFileList;
import io.github.seattleinstaller.runtime.filelist.TamperedInstallerException;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.log.FileInstallLog;
import io.github.seattleinstaller.runtime.resources.Offcut;
import io.github.seattleinstaller.runtime.resources.Resource;
import io.github.seattleinstaller.runtime.resources.ResourceAmounts;
import io.github.seattleinstaller.runtime.resources.VesselRestrictions;
import io.github.seattleinstaller.runtime.resources.SeattleNumbers;
import io.github.seattleinstaller.runtime.state.VesselStateWriter;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One install, in the order that keeps a donor machine safe: refuse an existing install, verify the
 * installer, validate vesselinfo (before any benchmark, unlike the original), measure, compute, and only
 * then write the state, atomically. Each failure ends the install with its own {@link ExitCode}.
 */
public final class Installer {
    private final PrintStream out;
    private final Benchmark benchmark;

    /** What every check passed to produce: the plan, and the restrictions to append to its resource files. */
    private record Prepared(InstallPlan plan, String restrictions) {
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
            out.println("error: cannot create the install log in the temporary directory: " + e.getMessage());
            return ExitCode.IO_FAILURE;
        }
        boolean keepTemporaryLog = true;
        try {
            log.info("Seattle installer " + version() + " on Java " + System.getProperty("java.version") + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            log.info("installer directory " + options.installerDirectory() + ", state directory "
                    + options.resolvedInstallDirectory() + ", " + SeattleNumbers.pythonStr(options.donatedPercent())
                    + "% donated" + (options.dryRun() ? ", dry run" : "") + (options.reinstall() ? ", reinstall" : ""));
            Prepared prepared = prepare(options, log);
            if (options.dryRun()) {
                keepTemporaryLog = false;
                printPlan("Dry run: nothing was written. This install would create", prepared.plan(), options);
                return ExitCode.SUCCESS;
            }
            writeState(options, prepared, log);
            keepTemporaryLog = false;
            printPlan("Installed", prepared.plan(), options);
            out.println("The install log is " + log.file());
            return ExitCode.SUCCESS;
        } catch (InstallFailure failure) {
            log.info("install failed (exit code " + failure.exitCode.code() + "): " + failure.getMessage());
            out.println("error: " + failure.getMessage());
            out.println("Nothing was installed. The install log is " + log.file());
            return failure.exitCode;
        } catch (RuntimeException unexpected) {
            StringWriter trace = new StringWriter();
            unexpected.printStackTrace(new PrintWriter(trace));
            log.info("internal error: " + trace);
            out.println("error: an unexpected internal error (" + unexpected + "). Nothing was installed."
                    + " Please report it with the install log " + log.file());
            return ExitCode.INTERNAL_ERROR;
        } finally {
            closeQuietly(log);
            if (!keepTemporaryLog) {
                log.deleteTemporaryCopy();
            }
        }
    }

    private Prepared prepare(InstallerOptions options, FileInstallLog log) throws InstallFailure {
        Path installerDirectory = options.installerDirectory();
        Path stateDirectory = options.resolvedInstallDirectory();
        if (Files.exists(stateDirectory) && !options.reinstall()) {
            throw new InstallFailure(ExitCode.ALREADY_INSTALLED, "a node is already installed in " + stateDirectory
                    + "; run again with --reinstall to replace its state, or choose another --install-dir");
        }

        VerifiedFileList verified = verifyInstaller(installerDirectory, stateDirectory, options, log);
        out.println("Installer verified: " + verified.fileList().files().size() + " files signed by the operator key "
                + verified.fingerprint() + (options.expectedKey().isPresent() ? " (as expected)" : ""));

        VesselInfo vessels = readVesselInfo(installerDirectory.resolve(SignedFileList.VESSELINFO_FILE_NAME), log);
        ResourceAmounts offcut = readOffcut(installerDirectory.resolve(Offcut.FILE_NAME));
        String restrictions = readRestrictions(installerDirectory.resolve(VesselRestrictions.FILE_NAME));
        log.info("vessel restrictions: " + restrictions.lines().filter(line -> line.startsWith("call ")).count()
                + " calls allowed");

        BenchmarkResult maxima = measure(options, stateDirectory, log);
        try {
            InstallPlan plan = DonationCalculator.plan(maxima.maxima(), options.donatedPercent(), offcut, vessels);
            log.info("donated after the offcut of " + vessels.vessels().size() + " vessels: "
                    + formatAmounts(plan.donated()));
            log.info("one tenth of the donation: " + formatAmounts(plan.tenth()));
            for (VesselPlan vessel : plan.vessels()) {
                log.info(vessel.name() + " (" + vessel.spec().percent() + "%): " + formatAmounts(vessel.resources())
                        + ", ports " + portRanges(vessel.ports()));
            }
            return new Prepared(plan, restrictions);
        } catch (InsufficientResourcesException e) {
            throw new InstallFailure(ExitCode.INSUFFICIENT_RESOURCES, e.getMessage()
                    + ". Donate a larger share with --percent, or ask your operator for fewer vessels.");
        }
    }

    private VerifiedFileList verifyInstaller(Path installerDirectory, Path stateDirectory, InstallerOptions options,
            FileInstallLog log) throws InstallFailure {
        Predicate<String> notPartOfInstaller = name -> false;
        if (installerDirectory.equals(stateDirectory.getParent())) {
            String stateName = stateDirectory.getFileName().toString();
            notPartOfInstaller = name -> name.equals(stateName) || VesselStateWriter.isStagingName(name, stateName);
        }
        try {
            VerifiedFileList verified = FileListVerifier.verifyDirectory(installerDirectory, notPartOfInstaller,
                    options.expectedKey());
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

    private VesselInfo readVesselInfo(Path file, FileInstallLog log) throws InstallFailure {
        try {
            VesselInfo vessels = VesselInfo.read(file);
            log.info("vesselinfo: " + vessels.vessels().size() + " vessels: " + vessels);
            return vessels;
        } catch (NoSuchFileException e) {
            throw new InstallFailure(ExitCode.BAD_VESSELINFO, "this installer has no vesselinfo (" + file
                    + "): it is a base installer. Install the customized installer your operator made for you.");
        } catch (InvalidVesselInfoException e) {
            throw new InstallFailure(ExitCode.BAD_VESSELINFO, e.getMessage());
        } catch (IOException e) {
            throw new InstallFailure(ExitCode.IO_FAILURE, "cannot read " + file + ": " + describe(e));
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

    private BenchmarkResult measure(InstallerOptions options, Path stateDirectory, FileInstallLog log)
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
            try {
                result = benchmark.run(stateDirectory, log);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallFailure(ExitCode.INTERNAL_ERROR, "interrupted while measuring this machine");
            }
        }
        for (ResourceFigure figure : result.figures()) {
            out.println("  " + figure.describe());
        }
        return result;
    }

    private void writeState(InstallerOptions options, Prepared prepared, FileInstallLog log) throws InstallFailure {
        InstallPlan plan = prepared.plan();
        Path stateDirectory = options.resolvedInstallDirectory();
        Path temporaryLog = log.file();
        try {
            log.info("writing the state of " + plan.vessels().size() + " vessels into " + stateDirectory);
            log.close();
            new VesselStateWriter(log).write(stateDirectory, plan, prepared.restrictions(),
                    options.reinstall() ? VesselStateWriter.ExistingState.REPLACE
                            : VesselStateWriter.ExistingState.REFUSE,
                    List.of(temporaryLog));
            log.reopen(stateDirectory.resolve(FileInstallLog.FILE_NAME));
            log.info("state written");
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
        // Qualified rather than imported while issue 7's changes to this file's imports are merged.
        return io.github.seattleinstaller.runtime.io.IoFailures.describe(e);
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
