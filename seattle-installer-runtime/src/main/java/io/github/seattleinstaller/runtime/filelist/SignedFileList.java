package io.github.seattleinstaller.runtime.filelist;

import io.github.seattleinstaller.runtime.keys.Sha256WithRsa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The installer's signed file list ({@code metainfo}): one line {@code <path> <sha256> <size>} per file of
 * the installer, in path order, signed with SHA256withRSA in the detached file {@code metainfo.sig} by the
 * operator's key, whose public half travels as {@code operator.pub.pem}. Anyone can check it with
 * {@code openssl dgst -sha256 -verify operator.pub.pem -signature metainfo.sig metainfo}.
 *
 * <p>Paths are relative to the installer's top-level directory, with {@code /} separators. The files that
 * differ per donor ({@code vesselinfo}) and the list and its signature are outside the list.
 */
public final class SignedFileList {
    public static final String FILE_NAME = "metainfo";
    public static final String SIGNATURE_FILE_NAME = "metainfo.sig";
    public static final String PUBLIC_KEY_FILE_NAME = "operator.pub.pem";
    /** Set per donor after signing; never in the list. */
    public static final String VESSELINFO_FILE_NAME = "vesselinfo";
    /**
     * The operator's detached SHA256withRSA signature of the donor's {@code vesselinfo}, added with it by
     * customization; like the vesselinfo, never in the list.
     */
    public static final String VESSELINFO_SIGNATURE_FILE_NAME = "vesselinfo.sig";
    /** Top-level files of an installer that the list does not cover. */
    public static final Set<String> UNSIGNED_FILES = Set.of(FILE_NAME, SIGNATURE_FILE_NAME, VESSELINFO_FILE_NAME,
            VESSELINFO_SIGNATURE_FILE_NAME);

    private static final String HEADER = "# Seattle installer signed file list, format 1: <path> <sha256> <size>\n";
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9._+@-]+");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,17}");

    private final SortedMap<String, FileDigest> files;

    private SignedFileList(SortedMap<String, FileDigest> files) {
        this.files = Collections.unmodifiableSortedMap(files);
    }

    /**
     * A list of the given files.
     *
     * @throws IllegalArgumentException if a path is not a plain relative path (no whitespace, no
     *         {@code ..}, no leading slash) or names an unsigned file
     */
    public static SignedFileList of(Map<String, FileDigest> files) {
        SortedMap<String, FileDigest> sorted = new TreeMap<>();
        for (Map.Entry<String, FileDigest> entry : files.entrySet()) {
            String problem = pathProblem(entry.getKey());
            if (problem != null) {
                throw new IllegalArgumentException("cannot list '" + entry.getKey() + "': " + problem);
            }
            if (UNSIGNED_FILES.contains(entry.getKey())) {
                throw new IllegalArgumentException("'" + entry.getKey() + "' is never in the signed file list");
            }
            sorted.put(entry.getKey(), entry.getValue());
        }
        return new SignedFileList(sorted);
    }

    /**
     * Reads the list's text.
     *
     * @throws TamperedInstallerException if a line is not of the list's form
     */
    public static SignedFileList parse(byte[] content) throws TamperedInstallerException {
        String text = new String(content, StandardCharsets.UTF_8);
        SortedMap<String, FileDigest> files = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String previous = null;
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            if (line.startsWith("#") || (line.isEmpty() && index == lines.length - 1)) {
                continue;
            }
            String[] fields = line.split(" ", -1);
            String where = FILE_NAME + " line " + (index + 1) + ": ";
            if (fields.length != 3 || pathProblem(fields[0]) != null || !HEX64.matcher(fields[1]).matches()
                    || !SIZE.matcher(fields[2]).matches()) {
                problems.add(where + "not '<path> <sha256> <size>'");
                continue;
            }
            if (previous != null && previous.compareTo(fields[0]) >= 0) {
                problems.add(where + "'" + fields[0] + "' is out of order or repeated");
                continue;
            }
            if (UNSIGNED_FILES.contains(fields[0])) {
                problems.add(where + "'" + fields[0] + "' must not be in the list");
                continue;
            }
            previous = fields[0];
            files.put(fields[0], new FileDigest(Long.parseLong(fields[2]), fields[1]));
        }
        if (!problems.isEmpty()) {
            throw new TamperedInstallerException(problems);
        }
        return new SignedFileList(files);
    }

    /** The canonical text: a header comment, then one line per file in path order, LF line endings. */
    public byte[] toBytes() {
        StringBuilder text = new StringBuilder(HEADER);
        files.forEach((path, digest) ->
                text.append(path).append(' ').append(digest.sha256()).append(' ').append(digest.size()).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    public SortedMap<String, FileDigest> files() {
        return files;
    }

    /** The detached SHA256withRSA signature of {@link #toBytes()}. */
    public byte[] sign(PrivateKey key) {
        return Sha256WithRsa.sign(toBytes(), key);
    }

    /** How the SHA-256 (lowercase hex) of a file present in an installer is found, when it is needed. */
    @FunctionalInterface
    public interface ContentDigests {
        String sha256(String path) throws IOException;
    }

    /**
     * Every difference between this list and the files actually present in the signed part of an
     * installer, one message per file, naming it; empty if they match exactly.
     */
    public List<String> differencesFrom(Map<String, FileDigest> present) {
        Map<String, Long> sizes = new TreeMap<>();
        present.forEach((path, digest) -> sizes.put(path, digest.size()));
        try {
            return differencesFrom(sizes, path -> present.get(path).sha256());
        } catch (IOException impossible) {
            throw new IllegalStateException("digests in memory cannot fail to be read", impossible);
        }
    }

    /**
     * Every difference between this list and the files present, given by size: a file is digested only
     * when it is listed with its size, so a file that is not listed, or has another size, is reported
     * without being read (a huge added file costs nothing).
     *
     * @param presentSizes every file present in the signed part of an installer, by path, with its size
     * @param digests      gives the SHA-256 of a present file; asked only for listed files of the right size
     */
    public List<String> differencesFrom(Map<String, Long> presentSizes, ContentDigests digests) throws IOException {
        List<String> differences = new ArrayList<>();
        SortedMap<String, Long> actual = new TreeMap<>(presentSizes);
        for (Map.Entry<String, FileDigest> entry : files.entrySet()) {
            String path = entry.getKey();
            FileDigest listed = entry.getValue();
            Long found = actual.get(path);
            if (found == null) {
                differences.add(path + ": missing (it is in the signed file list)");
            } else if (found != listed.size()) {
                differences.add(path + ": changed (" + found + " bytes, signed as " + listed.size() + ")");
            } else if (!digests.sha256(path).equals(listed.sha256())) {
                differences.add(path + ": changed (its SHA-256 differs from the signed file list)");
            }
        }
        actual.keySet().stream()
                .filter(path -> !files.containsKey(path) && !UNSIGNED_FILES.contains(path))
                .forEach(path -> differences.add(path + ": added (it is not in the signed file list)"));
        return differences;
    }

    /**
     * Null if the path may appear in the list, else why not. Builders use it to refuse an installer file
     * name before they sign anything.
     */
    public static String pathProblem(String path) {
        if (path.isEmpty()) {
            return "empty path";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "not a plain relative path";
            }
            if (!PATH_SEGMENT.matcher(segment).matches()) {
                return "only letters, digits and . _ + @ - are allowed in names";
            }
        }
        return null;
    }
}
