package io.github.seattleinstaller.runtime.state;

import io.github.seattleinstaller.runtime.donation.InstallPlan;
import io.github.seattleinstaller.runtime.donation.VesselPlan;
import io.github.seattleinstaller.runtime.io.DurableFiles;
import io.github.seattleinstaller.runtime.log.ProgressLog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes a node's vessel state (the {@code resource.vN} files, the empty {@code vN/} directories,
 * {@code vesseldict} and the {@link StateMarker}) so that the state directory is either absent, complete or, when replacing, the
 * complete previous state: never half-written, whatever fails and even if the machine stops.
 *
 * <p>Everything is written into a fresh sibling {@code .<name>.partial-<random>} (same parent, so the
 * same file system), synced to disk, then renamed onto the target in one atomic step. Replacing renames
 * the existing state aside to {@code .<name>.old-<random>} first and deletes it once the new state is in
 * place; a crash between the two renames leaves no state at the target rather than a mix. Only a
 * directory carrying a {@link StateMarker} is ever replaced. Siblings left by a crashed run are removed at
 * the start of the next one; callers hold the state's {@link InstallLock} while writing, so no sibling
 * found then belongs to a live process.
 */
public final class VesselStateWriter {

    /** What to do when the state directory already exists. */
    public enum ExistingState {
        /** Fail: a node is already installed there. */
        REFUSE,
        /** Re-install: the new state replaces the old one as a whole. */
        REPLACE
    }

    /**
     * A step of the writing at which a failure can happen. Tests inject failures here: an exception is
     * handled like any I/O failure, an {@link Error} leaves everything as it is, like a crash.
     */
    @FunctionalInterface
    interface Checkpoint {
        void reached(String step) throws IOException;
    }

    private static final String PARTIAL = "partial";
    private static final String OLD = "old";
    private static final String SCRATCH = "scratch";
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final ProgressLog log;
    private final Checkpoint checkpoint;

    public VesselStateWriter(ProgressLog log) {
        this(log, step -> {
        });
    }

    VesselStateWriter(ProgressLog log, Checkpoint checkpoint) {
        this.log = log;
        this.checkpoint = checkpoint;
    }

    /**
     * True for the names this writer gives its staging siblings of {@code stateDirectoryName}
     * ({@code .<name>.partial-<random>}, {@code .<name>.old-<random>}) and the benchmark's scratch
     * directories ({@code .<name>.scratch-<random>}): a killed run may have left some behind.
     */
    public static boolean isStagingName(String fileName, String stateDirectoryName) {
        return stagingPattern(stateDirectoryName).matcher(fileName).matches();
    }

    /**
     * True for the names, in the state directory's parent, of everything an install of that state creates
     * there: the state directory itself, its staging siblings and its {@link InstallLock} file.
     */
    public static boolean belongsToStateLocation(String fileName, String stateDirectoryName) {
        return fileName.equals(stateDirectoryName) || fileName.equals(InstallLock.lockFileName(stateDirectoryName))
                || isStagingName(fileName, stateDirectoryName);
    }

    /**
     * Creates a new empty scratch directory {@code .<name>.scratch-<random>} beside the state directory, on
     * the file system the state will live on. Its owner deletes it; one left by a killed run is removed
     * with the other stale siblings by the next write.
     */
    public static Path createScratchDirectory(Path stateDirectory) throws IOException {
        Path target = stateDirectory.toAbsolutePath().normalize();
        return createUniqueSibling(target.getParent(), target.getFileName().toString(), SCRATCH);
    }

    /**
     * Writes the state of every vessel of the plan into {@code stateDirectory}.
     *
     * @param stateDirectory the directory to create; its parent must exist
     * @param restrictions   the text of {@code vessel.restrictions}, appended verbatim to every resource file
     * @param marker         what the state's {@value StateMarker#FILE_NAME} says
     * @param existing       whether an existing state directory is refused or replaced (only if it carries
     *                       a marker)
     * @param filesToMoveIn  files (such as the install log) moved into the state directory under their own
     *                       names before it appears, so that they appear with it; if writing fails they are
     *                       moved back. Close them first: Windows cannot move an open file.
     * @throws FileAlreadyExistsException if the state directory exists and {@code existing} is REFUSE
     * @throws NotNodeStateException      if the state directory exists without a marker: nothing is deleted
     * @throws IOException                if writing fails; the state directory is then as it was before
     */
    public void write(Path stateDirectory, InstallPlan plan, String restrictions, StateMarker marker,
            ExistingState existing, List<Path> filesToMoveIn) throws IOException {
        Path target = stateDirectory.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("The state directory cannot be a file system root: " + target);
        }
        String name = target.getFileName().toString();
        Map<String, byte[]> files = render(plan, restrictions, marker);
        List<String> directories = plan.vessels().stream().map(VesselPlan::name).toList();
        requireMovableExtras(filesToMoveIn, files.keySet(), directories);

        boolean replacing = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (replacing && existing == ExistingState.REFUSE) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "a node's state is already there (re-install with replace to overwrite it)");
        }
        if (replacing && StateMarker.read(target).isEmpty()) {
            throw new NotNodeStateException(target);
        }
        removeStaleSiblings(parent, name);

        Path staging = createUniqueSibling(parent, name, PARTIAL);
        List<Path> movedIn = new ArrayList<>();
        Path old = null;
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                checkpoint.reached("write " + file.getKey());
                DurableFiles.write(staging.resolve(file.getKey()), file.getValue(), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            }
            for (String directory : directories) {
                checkpoint.reached("create " + directory + "/");
                Files.createDirectory(staging.resolve(directory));
            }
            for (Path extra : filesToMoveIn) {
                checkpoint.reached("move in " + extra.getFileName());
                Path moved = staging.resolve(extra.getFileName().toString());
                Files.move(extra, moved);
                movedIn.add(extra);
                syncIfRegularFile(moved);
            }
            checkpoint.reached("sync the staging directory");
            syncDirectory(staging);
            if (replacing) {
                do {
                    old = randomSibling(parent, name, OLD);
                } while (Files.exists(old, LinkOption.NOFOLLOW_LINKS));
                checkpoint.reached("move the previous state aside");
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            checkpoint.reached("move the new state in");
            // rename(2): fails if the target reappeared with content, so nothing is ever merged.
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException failure) {
            // An Error is not handled: like a crash, it leaves the siblings for the next run to remove.
            rollBack(failure, target, staging, old, movedIn);
            throw failure;
        }
        try {
            syncDirectory(parent);
        } catch (IOException e) {
            log.warn("Could not sync " + parent + " to disk (" + e.getMessage() + "); the state is in place"
                    + " but a power cut now could lose it");
        }
        if (old != null) {
            try {
                checkpoint.reached("delete the previous state");
                deleteRecursively(old);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not delete the previous state " + old + " (" + e.getMessage()
                        + "); the next install will remove it");
            }
        }
        List<String> written = new ArrayList<>(files.keySet());
        directories.forEach(directory -> written.add(directory + "/"));
        filesToMoveIn.forEach(extra -> written.add(extra.getFileName().toString()));
        log.info((replacing ? "Replaced the vessel state in " : "Wrote the vessel state to ") + target + ": "
                + String.join(", ", written));
    }

    /**
     * The files of the state, in the order they are written: resource files in vessel order, vesseldict,
     * then the marker.
     */
    private static Map<String, byte[]> render(InstallPlan plan, String restrictions, StateMarker marker) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (VesselPlan vessel : plan.vessels()) {
            files.put(VesselStateText.resourceFileName(vessel.name()),
                    VesselStateText.resourceFile(vessel, restrictions).getBytes(StandardCharsets.UTF_8));
        }
        files.put(VesselStateText.VESSELDICT_FILE_NAME,
                VesselStateText.vesseldict(plan.vessels()).getBytes(StandardCharsets.UTF_8));
        files.put(StateMarker.FILE_NAME, marker.toBytes());
        return files;
    }

    private static void requireMovableExtras(List<Path> extras, Set<String> files, List<String> directories)
            throws NoSuchFileException {
        Set<String> taken = new HashSet<>(files);
        taken.addAll(directories);
        for (Path extra : extras) {
            Path fileName = extra.getFileName();
            if (fileName == null || !taken.add(fileName.toString())) {
                throw new IllegalArgumentException("Cannot move " + extra + " into the state directory: the name "
                        + fileName + " is already used there");
            }
            if (!Files.exists(extra, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(extra.toString(), null, "cannot move it into the state directory");
            }
        }
    }

    /** Undoes a failed write: previous state back at the target, extras back where they were, staging gone. */
    private void rollBack(Exception failure, Path target, Path staging, Path old, List<Path> movedIn) {
        if (old != null && Files.exists(old, LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
                log.warn("Could not put the previous state back from " + old + " to " + target + " ("
                        + e.getMessage() + "); install again to write a new state");
            }
        }
        for (Path extra : movedIn) {
            try {
                Files.move(staging.resolve(extra.getFileName().toString()), extra);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
                log.warn("Could not move " + extra.getFileName() + " back to " + extra + " (" + e.getMessage() + ")");
            }
        }
        try {
            deleteRecursively(staging);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            log.warn("Could not delete " + staging + " (" + e.getMessage() + "); the next install will remove it");
        }
    }

    private void removeStaleSiblings(Path parent, String name) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent,
                sibling -> isStagingName(sibling.getFileName().toString(), name))) {
            siblings.forEach(stale::add);
        }
        for (Path sibling : stale) {
            try {
                deleteRecursively(sibling);
                log.info("Removed " + sibling + ", left by an earlier install that did not finish");
            } catch (IOException e) {
                log.warn("Could not remove " + sibling + ", left by an earlier install that did not finish ("
                        + e.getMessage() + "); it is ignored");
            }
        }
    }

    private static Path createUniqueSibling(Path parent, String name, String kind) throws IOException {
        while (true) {
            try {
                return Files.createDirectory(randomSibling(parent, name, kind));
            } catch (FileAlreadyExistsException taken) {
                // Another run drew the same 64 random bits: draw again.
            }
        }
    }

    private static Path randomSibling(Path parent, String name, String kind) {
        return parent.resolve("." + name + "." + kind + "-"
                + String.format("%016x", ThreadLocalRandom.current().nextLong()));
    }

    private static Pattern stagingPattern(String name) {
        return Pattern.compile(Pattern.quote("." + name + ".") + "(" + PARTIAL + "|" + OLD + "|" + SCRATCH
                + ")-[0-9a-f]{16}");
    }

    private static void syncIfRegularFile(Path file) throws IOException {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
    }

    /** Makes a directory's entries durable. Windows cannot open a directory this way; NTFS journals renames. */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!WINDOWS) {
                throw e;
            }
        }
    }

    /** Deletes a tree without following symbolic links out of it. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
