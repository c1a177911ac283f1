package io.github.seattleinstaller.builder.base;

import io.github.seattleinstaller.runtime.filelist.FileDigest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fingerprint file beside base installers: the {@link BuildFingerprint} of the inputs they were built
 * from, and the size, last-modified time and SHA-256 of every output file as it was written.
 *
 * <p>Whether an output is still what the build wrote is decided from its size and modification time,
 * without reading it: an up-to-date run then reads no archive at all. The trade-off: an output rewritten
 * with the same size and given back its old modification time on purpose ({@code touch -d}, a copy that
 * keeps times) passes unnoticed here. That is what make and Maven's own incremental builds accept; the
 * archives are signed, so {@code seattle:verify} and the installer itself still catch any change of
 * content. An output whose time alone changed (a cache restored, a {@code touch}) is hashed once: if its
 * bytes are those recorded it counts as unchanged and the record takes its new time.
 *
 * @param inputs  the fingerprint of the inputs
 * @param outputs every output's record by file name
 */
record BuildRecord(String inputs, Map<String, Output> outputs) {
    private static final String HEADER = "# What the base installers beside this file were built from (inputs) and"
            + " what they were when written (outputs); they are rebuilt when either changes";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /** One output file as written. */
    record Output(long size, Instant modified, String sha256) {
        /** The output as it is now on disk, whose SHA-256 the caller knows. */
        static Output of(Path file, String sha256) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Output(attributes.size(), attributes.lastModifiedTime().toInstant(), sha256);
        }
    }

    /** Where an output stands against its record. */
    enum State { UNCHANGED, TOUCHED, CHANGED, MISSING }

    BuildRecord {
        outputs = Map.copyOf(outputs);
    }

    /** The record in the file; empty if there is none or it is not one this builder can read. */
    static Optional<BuildRecord> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("inputs ")) {
            return Optional.empty();
        }
        String inputs = lines.get(1).substring("inputs ".length());
        Map<String, Output> outputs = new LinkedHashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] fields = line.split(" ", 5);
            try {
                if (fields.length != 5 || !fields[0].equals("output") || !HEX.matcher(fields[3]).matches()) {
                    return Optional.empty();
                }
                outputs.put(fields[4], new Output(Long.parseLong(fields[1]), Instant.parse(fields[2]), fields[3]));
            } catch (NumberFormatException | DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new BuildRecord(inputs, outputs));
    }

    byte[] toBytes() {
        StringBuilder text = new StringBuilder(HEADER).append('\n').append("inputs ").append(inputs).append('\n');
        outputs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(output -> text.append("output ")
                .append(output.getValue().size()).append(' ').append(output.getValue().modified()).append(' ')
                .append(output.getValue().sha256()).append(' ').append(output.getKey()).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Where the output of this name in the directory stands; only a touched output is read. */
    State stateOf(Path directory, String fileName) throws IOException {
        Output recorded = outputs.get(fileName);
        Path file = directory.resolve(fileName);
        if (recorded == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return State.MISSING;
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.size() != recorded.size()) {
            return State.CHANGED;
        }
        if (attributes.lastModifiedTime().toInstant().equals(recorded.modified())) {
            return State.UNCHANGED;
        }
        return FileDigest.of(file).sha256().equals(recorded.sha256()) ? State.TOUCHED : State.CHANGED;
    }

    /** This record with the outputs' current modification times: they were touched, not changed. */
    BuildRecord retimed(Path directory, Iterable<String> fileNames) throws IOException {
        Map<String, Output> current = new LinkedHashMap<>(outputs);
        for (String fileName : fileNames) {
            Output recorded = outputs.get(fileName);
            current.put(fileName, Output.of(directory.resolve(fileName), recorded.sha256()));
        }
        return new BuildRecord(inputs, current);
    }
}
