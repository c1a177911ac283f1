package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.builder.customize.DonorNames;
import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Donors given as a table, a row per donor, applied to a {@link VesselTemplate}: comma-separated values
 * (RFC 4180), UTF-8, with a header row naming the columns.
 *
 * <pre>
 * name,donor,acceptdonations,users_v1
 * alice,keys/alice.publickey,keys/acceptdonations.publickey,keys/alice-lab.pub.pem;keys/alice-home.publickey
 * bob,65537 2447...,keys/acceptdonations.publickey,
 * </pre>
 *
 * <p>The columns, each once and in any order:
 * <ul>
 *   <li>{@code name}: the donor's name ({@link DonorName#RULE}), unique ignoring case;</li>
 *   <li>one column per placeholder of the template, named like it ({@code donor} for {@code {donor}}),
 *       except those the build fills itself: {@code {operator}} and any others given to
 *       {@link #of}. A cell holds a public key as Seattle text {@code e n}, as PEM (the cell quoted, its
 *       line breaks inside the quotes), or the path of a key file relative to the table's directory
 *       ({@link PublicKeyReader}); paths are refused when the table comes from someone who may not name
 *       files ({@link KeyFiles#REFUSED});</li>
 *   <li>optionally {@code users_v1}, {@code users_v2}, ...: extra users of vessel 1, 2, ... of the template
 *       for this donor (the overlay): keys as above separated by {@code ;}, added after the template's
 *       users; an empty cell adds none, and empty pieces between semicolons are ignored.</li>
 * </ul>
 *
 * <p>Deliberately: a UTF-8 byte order mark at the start is skipped; rows end with LF or CR LF; blank rows
 * (an empty line, or cells that are all empty) are skipped anywhere; spaces and tabs around a value are
 * not part of it; every row has as many cells as the header; there are no comments. Problems give the
 * table, the line a cell starts on, the row (1 for the header; rows and lines differ only after a quoted
 * cell holding line breaks) and the column, and the rule, every problem of every row at once.
 *
 * <p>Nothing of the table is held: {@link #check} reads it once, and each {@link CheckedDonors#stream()}
 * reads it again, so memory stays flat in the number of rows. Immutable and thread-safe.
 */
public final class DonorTable {
    public static final String NAME_COLUMN = "name";
    public static final String OVERLAY_COLUMN_PREFIX = "users_v";
    public static final String OVERLAY_SEPARATOR = ";";

    public static final String TABLE_RULE = "the donor table is a readable file";
    public static final String HEADER_RULE = "the first row names the columns: 'name', one for each placeholder of"
            + " the template that the build does not fill, and optionally users_v1, users_v2, ... (extra users of"
            + " vessel 1, 2, ...), each once, in any order, names in lowercase";
    public static final String ROWS_RULE = "the table has a header row and at least one donor row";
    public static final String CELL_COUNT_RULE = "every row has as many cells as the header";
    public static final String BOUND_KEYS_RULE = "the build gives keys only for placeholders of the template, and"
            + " always the operator's key when the template has {operator}";
    public static final String QUOTE_RULE = CsvRecords.QUOTE_RULE;
    public static final String CHARACTER_RULE = CsvRecords.CHARACTER_RULE;
    public static final String ROW_LENGTH_RULE = CsvRecords.ROW_LENGTH_RULE;

    /** Whether a key cell may name a key file. */
    public enum KeyFiles {
        /** A cell that is not key text is the path of a key file, relative to the table's directory. */
        RELATIVE_TO_TABLE,
        /** Keys are given only as text: for tables from people who may not name files on this machine. */
        REFUSED
    }

    private static final Pattern OVERLAY_COLUMN = Pattern.compile(Pattern.quote(OVERLAY_COLUMN_PREFIX) + "([0-9]+)");

    private final VesselTemplate template;
    private final Map<String, SeattlePublicKey> boundKeys;
    private final KeyFiles keyFiles;
    private final List<String> keyColumns;

    private DonorTable(VesselTemplate template, Map<String, SeattlePublicKey> boundKeys, KeyFiles keyFiles) {
        this.template = template;
        this.boundKeys = Map.copyOf(boundKeys);
        this.keyColumns = template.placeholders().stream().filter(name -> !boundKeys.containsKey(name)).toList();
        this.keyFiles = keyFiles;
    }

    /**
     * How tables for this template are read.
     *
     * @param boundKeys keys the build fills in itself, by placeholder name: always {@link VesselTemplate#OPERATOR}
     *                  (the operator's public key) when the template has it, and any others the build
     *                  configures once for all donors (such as a clearinghouse's {@code acceptdonations} key).
     *                  The operator's key may be given even if the template does not use it
     * @throws InvalidInputException naming every key given for a placeholder the template does not have,
     *         and a missing operator key
     */
    public static DonorTable of(VesselTemplate template, Map<String, SeattlePublicKey> boundKeys, KeyFiles keyFiles)
            throws InvalidInputException {
        Objects.requireNonNull(keyFiles, "keyFiles");
        String source = "keys given for " + template.source();
        List<InputProblem> problems = new ArrayList<>();
        for (String name : new TreeMap<>(boundKeys).keySet()) {
            if (!template.placeholders().contains(name) && !name.equals(VesselTemplate.OPERATOR)) {
                problems.add(InputProblem.whole(source, BOUND_KEYS_RULE, "a key for {" + name
                        + "}, which the template does not have"));
            }
        }
        if (template.placeholders().contains(VesselTemplate.OPERATOR) && !boundKeys.containsKey(VesselTemplate.OPERATOR)) {
            problems.add(InputProblem.whole(source, BOUND_KEYS_RULE, "no operator key for {operator}"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Cannot read donor tables for " + template.source(), problems);
        }
        return new DonorTable(template, boundKeys, keyFiles);
    }

    public VesselTemplate template() {
        return template;
    }

    /** The columns every table has: {@code name}, then the placeholders the build does not fill, in template order. */
    public List<String> requiredColumns() {
        List<String> columns = new ArrayList<>();
        columns.add(NAME_COLUMN);
        columns.addAll(keyColumns);
        return columns;
    }

    /** The columns a table may have to add users to vessels: {@code users_v1} to {@code users_vN}. */
    public List<String> overlayColumns() {
        return IntStream.rangeClosed(1, template.vesselCount()).mapToObj(vessel -> OVERLAY_COLUMN_PREFIX + vessel).toList();
    }

    /**
     * Checks every row of a table file; key files are resolved against its directory unless
     * {@link KeyFiles#REFUSED}.
     *
     * @throws InvalidInputException listing every problem of every row, in row order
     * @throws IOException when the file cannot be read
     */
    public CheckedDonors check(Path table) throws IOException, InvalidInputException {
        String source = table.toString();
        if (!Files.isRegularFile(table)) {
            throw new InvalidInputException("No donor table", List.of(InputProblem.whole(source, TABLE_RULE,
                    Files.exists(table) ? "it is not a regular file" : "it does not exist")));
        }
        Path keyDirectory = keyFiles == KeyFiles.RELATIVE_TO_TABLE ? table.toAbsolutePath().getParent() : null;
        return check(source, () -> new Pass(source, Files.newInputStream(table), keyDirectory));
    }

    /**
     * Checks every row of a table given as bytes (an upload, say); key files are always refused, as there is
     * no directory to find them in. The bytes are copied and kept, for the passes.
     *
     * @param source what the table is called in messages
     * @throws InvalidInputException listing every problem of every row, in row order
     */
    public CheckedDonors check(String source, byte[] content) throws InvalidInputException {
        byte[] copy = content.clone();
        try {
            return check(source, () -> new Pass(source, new ByteArrayInputStream(copy), null));
        } catch (IOException impossible) {
            throw new UncheckedIOException("reading bytes in memory failed", impossible);
        }
    }

    @Override
    public String toString() {
        return "DonorTable[" + template.source() + ", columns " + requiredColumns() + ", key files " + keyFiles + "]";
    }

    private interface PassOpener {
        Pass open() throws IOException;
    }

    private CheckedDonors check(String source, PassOpener opener) throws IOException, InvalidInputException {
        List<InputProblem> problems = new ArrayList<>();
        CheckedDonors.Builder donors = new CheckedDonors.Builder();
        try (Pass pass = opener.open()) {
            if (pass.readHeader(problems)) {
                int rows = 0;
                DonorNames names = new DonorNames();
                Map<DonorName, Integer> rowOf = new HashMap<>();
                for (Row row = pass.nextRow(); row != null; row = pass.nextRow()) {
                    rows++;
                    Optional<DonorName> earlier = row.name() == null ? Optional.empty() : names.addOrRepeated(row.name());
                    if (earlier.isPresent()) {
                        problems.add(new InputProblem(source, row.line(), DonorName.UNIQUE_RULE,
                                pass.where(row.row(), pass.layout.nameColumn()) + ": '" + row.name() + "' repeats '"
                                        + earlier.get() + "' of row " + rowOf.get(earlier.get())));
                    } else if (row.name() != null) {
                        rowOf.put(row.name(), row.row());
                    }
                    problems.addAll(row.problems());
                    if (earlier.isEmpty() && row.donor() != null) {
                        donors.add(row.donor());
                    }
                }
                if (rows == 0) {
                    problems.add(InputProblem.whole(source, ROWS_RULE, "the table has a header but no donor rows"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid donor table " + source, problems);
        }
        return donors.build(source, opener::open);
    }

    /** A donor row as read: its donor when it has no problem, and its name when that is valid. */
    private record Row(int row, int line, DonorName name, DonorSplit donor, List<InputProblem> problems) {
    }

    /**
     * Where each column is: its header text by cell, and the cells of the name, of each key column and of
     * each vessel's overlay (-1 when absent). Complete when the name and every key column are there.
     */
    private record Layout(List<String> header, int nameColumn, Map<String, Integer> keyColumns, int[] overlayColumns,
                          boolean complete) {
    }

    /** One reading of a table: the header, then the donor rows. */
    private final class Pass implements CheckedDonors.Pass {
        private final String source;
        private final CsvRecords records;
        private final KeyCells keys;
        private Layout layout;

        Pass(String source, InputStream in, Path keyDirectory) {
            this.source = source;
            // Bytes that are not UTF-8 become U+FFFD, which the records report with line and character.
            this.records = new CsvRecords(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.keys = new KeyCells(keyDirectory);
        }

        @Override
        public DonorSplit next() throws IOException, InvalidInputException {
            if (layout == null) {
                List<InputProblem> problems = new ArrayList<>();
                if (!readHeader(problems) || !problems.isEmpty()) {
                    throw new InvalidInputException("Invalid donor table " + source, problems.isEmpty()
                            ? List.of(InputProblem.whole(source, ROWS_RULE, "the table is now empty")) : problems);
                }
            }
            Row row = nextRow();
            if (row == null) {
                return null;
            }
            if (!row.problems().isEmpty()) {
                throw new InvalidInputException("Invalid donor table " + source, row.problems());
            }
            return row.donor();
        }

        @Override
        public void close() throws IOException {
            records.close();
        }

        /** Reads the header row into {@link #layout}; false (with a problem) when there is none to read. */
        boolean readHeader(List<InputProblem> problems) throws IOException {
            CsvRecords.Record header = nextRecord();
            if (header == null) {
                problems.add(InputProblem.whole(source, ROWS_RULE, "the table is empty: it needs a header row"));
                return false;
            }
            report(header, problems);
            if (!header.complete()) {
                return false;
            }
            List<String> names = header.cells().stream().map(cell -> cell.value().strip()).toList();
            int nameColumn = -1;
            Map<String, Integer> keyCells = new LinkedHashMap<>();
            int[] overlayColumns = new int[template.vesselCount()];
            Arrays.fill(overlayColumns, -1);
            Map<String, Integer> seen = new HashMap<>();
            for (int index = 0; index < names.size(); index++) {
                CsvRecords.Cell cell = header.cells().get(index);
                String name = names.get(index);
                if (!cell.readable()) {
                    continue;
                }
                Integer earlier = seen.putIfAbsent(name, index);
                Matcher overlay = OVERLAY_COLUMN.matcher(name);
                String problem = null;
                if (name.isEmpty()) {
                    problem = "a column without a name";
                } else if (earlier != null) {
                    problem = "'" + InputProblem.abbreviate(name) + "' names cell " + (earlier + 1) + " already";
                } else if (name.equals(NAME_COLUMN)) {
                    nameColumn = index;
                } else if (keyColumns.contains(name)) {
                    keyCells.put(name, index);
                } else if (name.equals(VesselTemplate.OPERATOR)) {
                    problem = "'operator' is not a column: the build fills {operator} with the operator's public key";
                } else if (boundKeys.containsKey(name)) {
                    problem = "'" + name + "' is not a column here: the build gives the key for {" + name + "}";
                } else if (overlay.matches() && overlayVessel(overlay.group(1)) > 0) {
                    overlayColumns[overlayVessel(overlay.group(1)) - 1] = index;
                } else if (overlay.matches()) {
                    problem = "'" + InputProblem.abbreviate(name) + "' is not a column: the template has "
                            + template.vesselCount() + " vessels, whose extra users are columns " + describeOverlays();
                } else if (names.size() == 1 && (name.contains(";") || name.contains("\t"))) {
                    problem = "'" + InputProblem.abbreviate(name) + "' is a single cell: cells are separated by commas";
                } else {
                    problem = unknownColumn(name);
                }
                if (problem != null) {
                    problems.add(new InputProblem(source, cell.line(), HEADER_RULE, where(header.row(), index) + ": " + problem));
                }
            }
            if (nameColumn < 0) {
                problems.add(new InputProblem(source, header.line(), HEADER_RULE,
                        where(header.row(), -1) + ": there is no column 'name' for the donors' names"));
            }
            for (String column : keyColumns) {
                if (!keyCells.containsKey(column)) {
                    problems.add(new InputProblem(source, header.line(), HEADER_RULE, where(header.row(), -1)
                            + ": there is no column '" + column + "' for the template's {" + column + "}"));
                }
            }
            layout = new Layout(names, nameColumn, keyCells, overlayColumns,
                    nameColumn >= 0 && keyCells.size() == keyColumns.size());
            return true;
        }

        /** The next donor row, skipping blank ones; null at the end. */
        Row nextRow() throws IOException {
            CsvRecords.Record record = nextRecord();
            if (record == null) {
                return null;
            }
            List<InputProblem> problems = new ArrayList<>();
            report(record, problems);
            int row = record.row();
            List<CsvRecords.Cell> cells = record.cells();
            if (!record.complete()) {
                return new Row(row, record.line(), null, null, problems);
            }
            if (cells.size() != layout.header().size()) {
                problems.add(new InputProblem(source, record.line(), CELL_COUNT_RULE, where(row, -1) + ": "
                        + cells.size() + (cells.size() == 1 ? " cell" : " cells") + ", the header has "
                        + layout.header().size()));
                return new Row(row, record.line(), null, null, problems);
            }
            DonorName name = null;
            if (layout.nameColumn() >= 0 && cells.get(layout.nameColumn()).readable()) {
                CsvRecords.Cell cell = cells.get(layout.nameColumn());
                String value = cell.value().strip();
                if (DonorName.isValid(value)) {
                    name = new DonorName(value);
                } else {
                    problems.add(new InputProblem(source, cell.line(), DonorName.RULE,
                            where(row, layout.nameColumn()) + ": " + (value.isEmpty() ? "no name given"
                                    : "found '" + InputProblem.abbreviate(value) + "'")));
                }
            }
            Map<String, SeattlePublicKey> filled = new HashMap<>(boundKeys);
            layout.keyColumns().forEach((placeholder, column) -> {
                CsvRecords.Cell cell = cells.get(column);
                if (cell.readable()) {
                    SeattlePublicKey key = keys.read(cell.value(), (rule, detail) -> problems.add(
                            new InputProblem(source, cell.line(), rule, where(row, column) + ": " + detail)));
                    if (key != null) {
                        filled.put(placeholder, key);
                    }
                }
            });
            Map<Integer, List<SeattlePublicKey>> extraUsers = new HashMap<>();
            for (int vessel = 1; vessel <= layout.overlayColumns().length; vessel++) {
                int column = layout.overlayColumns()[vessel - 1];
                if (column >= 0 && cells.get(column).readable()) {
                    extraUsers.put(vessel, extraUsers(cells.get(column), row, column, problems));
                }
            }
            if (!problems.isEmpty() || !layout.complete() || name == null) {
                return new Row(row, record.line(), name, null, problems);
            }
            VesselInfo vessels = template.fill(filled, extraUsers, (rule, detail) ->
                    problems.add(new InputProblem(source, record.line(), rule, where(row, -1) + ": " + detail)));
            DonorSplit donor = vessels == null ? null : new DonorSplit(name, vessels, source + " line " + record.line());
            return new Row(row, record.line(), name, donor, problems);
        }

        private List<SeattlePublicKey> extraUsers(CsvRecords.Cell cell, int row, int column, List<InputProblem> problems) {
            List<SeattlePublicKey> users = new ArrayList<>();
            int number = 0;
            for (String piece : cell.value().split(OVERLAY_SEPARATOR, -1)) {
                if (piece.isBlank()) {
                    continue;
                }
                String what = "extra user " + ++number;
                SeattlePublicKey key = keys.read(piece, (rule, detail) -> problems.add(
                        new InputProblem(source, cell.line(), rule, where(row, column) + ": " + what + ": " + detail)));
                if (key != null) {
                    users.add(key);
                }
            }
            return users;
        }

        /** The next record that is not blank; null at the end. */
        private CsvRecords.Record nextRecord() throws IOException {
            for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
                if (!record.blank()) {
                    return record;
                }
            }
            return null;
        }

        private void report(CsvRecords.Record record, List<InputProblem> problems) {
            for (CsvRecords.Problem problem : record.problems()) {
                problems.add(new InputProblem(source, problem.line(), problem.rule(),
                        where(record.row(), problem.cell()) + ": " + problem.detail()));
            }
        }

        /** "row 5, column 'donor'"; the header's cells, and cells beyond it, by number; a whole row with -1. */
        String where(int row, int cell) {
            if (layout == null) {
                return "row " + row + " (the header)" + (cell < 0 ? "" : ", cell " + (cell + 1));
            }
            if (cell < 0) {
                return "row " + row;
            }
            boolean named = cell < layout.header().size() && !layout.header().get(cell).isEmpty();
            return "row " + row + (named ? ", column '" + InputProblem.abbreviate(layout.header().get(cell)) + "'"
                    : ", cell " + (cell + 1));
        }
    }

    /** The vessel an overlay column's number names, or 0 when there is no such vessel (or a leading zero). */
    private int overlayVessel(String digits) {
        if (digits.startsWith("0") || digits.length() > 4) {
            return 0;
        }
        int vessel = Integer.parseInt(digits);
        return vessel <= template.vesselCount() ? vessel : 0;
    }

    private String describeOverlays() {
        List<String> overlays = overlayColumns();
        return overlays.size() == 1 ? overlays.get(0) : overlays.get(0) + " to " + overlays.get(overlays.size() - 1);
    }

    private String unknownColumn(String name) {
        List<String> known = new ArrayList<>(requiredColumns());
        known.addAll(overlayColumns());
        for (String column : known) {
            if (column.equalsIgnoreCase(name)) {
                return "'" + InputProblem.abbreviate(name) + "' is not a column; column names are in lowercase: write '"
                        + column + "'";
            }
        }
        return "'" + InputProblem.abbreviate(name) + "' is not a column; the columns are "
                + requiredColumns().stream().map(column -> "'" + column + "'").collect(Collectors.joining(", "))
                + " and, optionally, " + describeOverlays();
    }
}
