package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.builder.customize.DonorNames;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Donors given as a directory of {@code <donor>.vesselinfo} files, one per donor: the donor's name is the
 * file's name without {@code .vesselinfo}, its vessels the file's content, read with the installer's own
 * {@code vesselinfo} rules.
 *
 * <p>The rules:
 * <ul>
 *   <li>the directory holds at least one donor file;</li>
 *   <li>entries whose names start with {@code .} are ignored (hidden files: {@code .gitkeep},
 *       {@code .DS_Store}, editors' swap files);</li>
 *   <li>every other entry is a regular file (or a link to one) named {@code <donor>.vesselinfo}, the
 *       extension in lowercase. Anything else (a subdirectory, {@code notes.txt}, a backup
 *       {@code alice.vesselinfo~}, {@code alice.VesselInfo}) is refused rather than skipped, so that a
 *       misnamed donor file is never silently left out;</li>
 *   <li>the name follows the donor-name rule ({@link DonorName#RULE}) and is unique ignoring case
 *       ({@link DonorName#UNIQUE_RULE});</li>
 *   <li>a file is at most {@link #MAX_FILE_BYTES} bytes, and a valid {@code vesselinfo}.</li>
 * </ul>
 * Donors come in the order of their names ignoring case (then with case, for a total order); problems
 * come in the same order, each naming its file and, for a file's content, the line and rule.
 */
public final class DonorsDirectory {
    public static final String EXTENSION = ".vesselinfo";
    /** The installer's own limit: a larger file could never be installed. */
    public static final long MAX_FILE_BYTES = VesselInfo.MAX_BYTES;

    public static final String DIRECTORY_RULE = "the donors directory exists and holds at least one <donor>.vesselinfo file";
    public static final String ENTRY_RULE = "a donors directory holds only <donor>.vesselinfo files (names starting"
            + " with '.' are ignored)";
    public static final String FILE_RULE = "a donor's vesselinfo file is readable and at most " + MAX_FILE_BYTES + " bytes";

    private static final Comparator<String> DONOR_ORDER =
            Comparator.comparing((String name) -> name.toLowerCase(Locale.ROOT)).thenComparing(Comparator.naturalOrder());

    private DonorsDirectory() {
    }

    /**
     * Checks every file of the directory.
     *
     * @throws InvalidInputException listing every problem of every file, in donor order
     * @throws IOException when the directory cannot be listed
     */
    public static CheckedDonors check(Path directory) throws IOException, InvalidInputException {
        String source = directory.toString();
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException("No donors directory", List.of(InputProblem.whole(source, DIRECTORY_RULE,
                    Files.exists(directory) ? "it is not a directory" : "it does not exist")));
        }
        List<Path> entries;
        try (Stream<Path> listing = Files.list(directory)) {
            entries = listing.filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(DonorsDirectory::stem, DONOR_ORDER)
                            .thenComparing(entry -> entry.getFileName().toString()))
                    .toList();
        }
        List<InputProblem> problems = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        CheckedDonors.Builder donors = new CheckedDonors.Builder();
        DonorNames names = new DonorNames();
        for (Path entry : entries) {
            String where = entry.toString();
            String fileName = entry.getFileName().toString();
            String name = stem(entry);
            if (Files.isDirectory(entry)) {
                problems.add(InputProblem.whole(where, ENTRY_RULE, "a subdirectory: donors are not read from subdirectories"));
            } else if (!fileName.endsWith(EXTENSION)) {
                problems.add(InputProblem.whole(where, ENTRY_RULE, fileName.toLowerCase(Locale.ROOT).endsWith(EXTENSION)
                        ? "the extension is written in lowercase: " + name + EXTENSION
                        : "not a <donor>" + EXTENSION + " file"));
            } else if (!Files.isRegularFile(entry)) {
                problems.add(InputProblem.whole(where, ENTRY_RULE, Files.isSymbolicLink(entry)
                        ? "a link to nothing" : "not a regular file"));
            } else if (!DonorName.isValid(name)) {
                problems.add(InputProblem.whole(where, DonorName.RULE,
                        "the file name gives the donor name '" + InputProblem.abbreviate(name) + "'"));
            } else {
                DonorName donorName = new DonorName(name);
                Optional<DonorName> earlier = names.addOrRepeated(donorName);
                if (earlier.isPresent()) {
                    problems.add(InputProblem.whole(where, DonorName.UNIQUE_RULE,
                            "'" + name + "' repeats '" + earlier.get() + "' of " + earlier.get() + EXTENSION));
                    continue;
                }
                read(entry, donorName, problems).ifPresent(donor -> {
                    donors.add(donor);
                    files.add(entry);
                });
            }
        }
        if (problems.isEmpty() && donors.size() == 0) {
            problems.add(InputProblem.whole(source, DIRECTORY_RULE, "it holds no <donor>" + EXTENSION + " file"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid donors in " + source, problems);
        }
        List<Path> checked = List.copyOf(files);
        return donors.build(source, () -> new Pass(checked));
    }

    private static Optional<DonorSplit> read(Path file, DonorName name, List<InputProblem> problems) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                problems.add(InputProblem.whole(file.toString(), FILE_RULE, "it is " + size + " bytes long"));
                return Optional.empty();
            }
            return Optional.of(new DonorSplit(name, VesselInfo.read(file), file.toString()));
        } catch (InvalidVesselInfoException invalid) {
            problems.addAll(invalid.problems());
        } catch (IOException e) {
            problems.add(InputProblem.whole(file.toString(), FILE_RULE,
                    "it cannot be read: " + Objects.requireNonNullElse(e.getMessage(), "input/output error")));
        }
        return Optional.empty();
    }

    /** The file's name without the extension, in any case: the donor's name it gives. */
    private static String stem(Path entry) {
        String fileName = entry.getFileName().toString();
        return fileName.toLowerCase(Locale.ROOT).endsWith(EXTENSION)
                ? fileName.substring(0, fileName.length() - EXTENSION.length())
                : fileName;
    }

    /** A reading of the checked files again, in the same order. */
    private static final class Pass implements CheckedDonors.Pass {
        private final Iterator<Path> files;

        Pass(List<Path> files) {
            this.files = files.iterator();
        }

        @Override
        public DonorSplit next() throws IOException, InvalidInputException {
            if (!files.hasNext()) {
                return null;
            }
            Path file = files.next();
            return new DonorSplit(new DonorName(stem(file)), VesselInfo.read(file), file.toString());
        }

        @Override
        public void close() {
        }
    }
}
