package io.github.seattleinstaller.runtime.state;

import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The file {@value #FILE_NAME} that every node state written by this installer carries: which installer
 * wrote it, from where, and when. It is what makes a directory a node state that {@code --reinstall} may
 * replace: a directory without it (a documents folder given as {@code --install-dir}, a state of another
 * tool) is never deleted. Seattle's node manager reads only the files it knows, so the marker is simply one
 * file more in the state.
 *
 * <pre>
 * # Seattle node state: written by a Seattle installer, which replaces it only while this file is here.
 * format 1
 * runtime 0.1.0
 * operator-key sha256:3a8f...
 * metainfo-sha256 9c1d...
 * vesselinfo-sha256 51e0...
 * installer-directory /home/donor/seattle
 * installed 2026-01-31T12:00:00Z
 * </pre>
 *
 * <p>A marker is a statement, not a proof: anyone can write one. It protects donors from a mistyped
 * {@code --install-dir}; trust in the installer itself comes from checking its archive before extracting.
 *
 * @param runtimeVersion     the version of the runtime that wrote the state
 * @param operatorKey        the fingerprint of the installer's operator key
 * @param fileListSha256     the SHA-256 of the installer's signed file list ({@code metainfo}), naming it
 * @param vesselInfoSha256   the SHA-256 of the vesselinfo installed
 * @param installerDirectory the installer's directory, as it was when it wrote the state
 * @param installed          when the state was written
 */
public record StateMarker(String runtimeVersion, KeyFingerprint operatorKey, String fileListSha256,
        String vesselInfoSha256, String installerDirectory, Instant installed) {

    public static final String FILE_NAME = "installed-by";

    private static final String FORMAT = "1";
    private static final String HEADER = "# Seattle node state: written by a Seattle installer, which replaces it"
            + " only while this file is here.\n";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NO_LINE_BREAK = Pattern.compile("[^\r\n]+");
    private static final List<String> KEYS = List.of("format", "runtime", "operator-key", "metainfo-sha256",
            "vesselinfo-sha256", "installer-directory", "installed");
    /** A marker is a few hundred bytes; anything much larger is not one. */
    private static final int MAX_BYTES = 64 * 1024;

    public StateMarker {
        for (String value : new String[] {runtimeVersion, installerDirectory}) {
            if (!NO_LINE_BREAK.matcher(value).matches()) {
                throw new IllegalArgumentException("a marker value is one non-empty line: '" + value + "'");
            }
        }
        if (!HEX64.matcher(fileListSha256).matches() || !HEX64.matcher(vesselInfoSha256).matches()) {
            throw new IllegalArgumentException("not a lowercase hex SHA-256");
        }
    }

    /** The file's text, LF line endings. */
    public byte[] toBytes() {
        Map<String, String> fields = fields();
        StringBuilder text = new StringBuilder(HEADER);
        fields.forEach((key, value) -> text.append(key).append(' ').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> fields() {
        List<String> values = List.of(FORMAT, runtimeVersion, operatorKey.toString(), fileListSha256, vesselInfoSha256,
                installerDirectory, installed.toString());
        Map<String, String> fields = new LinkedHashMap<>();
        for (int index = 0; index < KEYS.size(); index++) {
            fields.put(KEYS.get(index), values.get(index));
        }
        return fields;
    }

    /**
     * The marker of a state directory: empty when the directory has none, or when {@value #FILE_NAME} is
     * not a regular file of the marker's form (links are not followed).
     */
    public static Optional<StateMarker> read(Path stateDirectory) throws IOException {
        Path file = stateDirectory.resolve(FILE_NAME);
        if (!Files.isDirectory(stateDirectory, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            content = in.readNBytes(MAX_BYTES + 1);
        }
        return content.length > MAX_BYTES ? Optional.empty() : parse(new String(content, StandardCharsets.UTF_8));
    }

    /** The marker the text holds, if it is one. */
    static Optional<StateMarker> parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            int space = line.indexOf(' ');
            if (!line.startsWith("#") && space > 0) {
                fields.putIfAbsent(line.substring(0, space), line.substring(space + 1));
            }
        }
        if (!FORMAT.equals(fields.get("format")) || !fields.keySet().containsAll(KEYS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StateMarker(fields.get("runtime"), KeyFingerprint.parse(fields.get("operator-key")),
                    fields.get("metainfo-sha256"), fields.get("vesselinfo-sha256"), fields.get("installer-directory"),
                    Instant.parse(fields.get("installed"))));
        } catch (IllegalArgumentException | DateTimeParseException notAMarker) {
            return Optional.empty();
        }
    }
}
