package io.github.seattleinstaller.builder.customize;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The machine-readable list of what a customization made, written beside the installers as
 * {@code <name>.json} and {@code <name>.csv}, one record per installer: donor, platform, file, size,
 * SHA-256, signature file, the SHA-256 of its vesselinfo and the operator key's fingerprint. Both are
 * written a record at a time, as installers are made, so that memory stays flat in the number of donors.
 *
 * <pre>
 * {"format": 1, "created": "2026-11-01T00:00:00Z", "operatorKey": "sha256:...", "installers": [
 *   {"donor": "alice", "platform": "linux", "file": "op-1.0-alice-linux.tar.gz", "size": 5123456,
 *    "sha256": "...", "signatureFile": "op-1.0-alice-linux.tar.gz.sig", "vesselinfoSha256": "...",
 *    "operatorKey": "sha256:..."},
 *   ...]}
 * </pre>
 */
final class InstallerManifest implements AutoCloseable {
    static final String JSON_EXTENSION = ".json";
    static final String CSV_EXTENSION = ".csv";
    static final List<String> CSV_HEADER = List.of("donor", "platform", "file", "size", "sha256", "signature_file",
            "vesselinfo_sha256", "operator_key");

    private final Writer json;
    private final Writer csv;
    private final String operatorKey;
    private boolean first = true;

    /** Opens the two staged files and writes their headers. */
    InstallerManifest(Path jsonFile, Path csvFile, String operatorKey, Instant created) throws IOException {
        this.operatorKey = operatorKey;
        this.json = new BufferedWriter(Files.newBufferedWriter(jsonFile, StandardCharsets.UTF_8), 64 * 1024);
        this.csv = new BufferedWriter(Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8), 64 * 1024);
        json.write("{\"format\": 1, \"created\": " + quoted(created.toString()) + ", \"operatorKey\": "
                + quoted(operatorKey) + ", \"installers\": [");
        csv.write(String.join(",", CSV_HEADER) + "\r\n");
    }

    void add(CustomizedInstaller installer) throws IOException {
        String file = installer.files().archive().getFileName().toString();
        String signature = installer.files().signatureFile().getFileName().toString();
        json.write((first ? "\n  " : ",\n  ") + "{\"donor\": " + quoted(installer.donor()) + ", \"platform\": "
                + quoted(installer.platform().classifier()) + ", \"file\": " + quoted(file) + ", \"size\": "
                + installer.size() + ", \"sha256\": " + quoted(installer.sha256Hex()) + ", \"signatureFile\": "
                + quoted(signature) + ", \"vesselinfoSha256\": " + quoted(installer.vesselinfoSha256())
                + ", \"operatorKey\": " + quoted(operatorKey) + "}");
        first = false;
        // Donor names and file names are letters, digits and _ . - (DonorName): nothing needs CSV quoting.
        csv.write(String.join(",", installer.donor(), installer.platform().classifier(), file,
                Long.toString(installer.size()), installer.sha256Hex(), signature, installer.vesselinfoSha256(),
                operatorKey) + "\r\n");
    }

    @Override
    public void close() throws IOException {
        try (Writer closingJson = json; Writer closingCsv = csv) {
            closingJson.write("\n]}\n");
        }
    }

    /** A JSON string of text that holds no control characters (names, hex digests, fingerprints, times). */
    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
