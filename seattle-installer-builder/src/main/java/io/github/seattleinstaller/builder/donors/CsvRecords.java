package io.github.seattleinstaller.builder.donors;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated text (RFC 4180) one record at a time, noting where each cell starts and holding
 * no more than one record. Problems are collected per record; reading goes on after one where the
 * structure survives it (a stray double quote spoils one cell) and stops where it does not (a quote that
 * is never closed, a record longer than {@link #MAX_ROW_CHARACTERS}).
 *
 * <p>Beyond RFC 4180: a byte order mark at the very start is skipped; rows may end with LF as well as
 * CR LF (a CR alone is reported, and ends the row); spaces and tabs around a plain cell, and around the
 * quotes of a quoted one, are not part of its value (inside the quotes, the text is kept as it is). Single
 * use, not thread-safe.
 */
final class CsvRecords implements Closeable {
    static final int MAX_ROW_CHARACTERS = 1 << 20;
    static final String QUOTE_RULE = "a cell is plain text without double quotes, or enclosed in double quotes"
            + " with each double quote inside it written twice (RFC 4180)";
    static final String CHARACTER_RULE = "the table is UTF-8 text without control characters: tabs are allowed, a line"
            + " break (LF or CR LF) ends a row or stands inside a quoted cell, a byte order mark only at the very start";
    static final String ROW_LENGTH_RULE = "a row holds at most " + MAX_ROW_CHARACTERS + " characters";

    /** A cell's value and where it starts; an unreadable cell was reported and has an empty value. */
    record Cell(String value, int line, int column, boolean readable) {
    }

    /** What is wrong in a record, at a line, in the cell with this index (0 for the first). */
    record Problem(int line, int cell, String rule, String detail) {
    }

    /**
     * A record: its number (1 for the first, blank ones counted), the line it starts on, its cells, what is
     * wrong with it, and whether it was read to its end (not when the reading stopped inside it).
     */
    record Record(int row, int line, List<Cell> cells, List<Problem> problems, boolean complete) {
        /** An empty line, or cells that are all empty or blank: a row with nothing in it. */
        boolean blank() {
            return problems.isEmpty() && cells.stream().allMatch(cell -> cell.value().isBlank());
        }
    }

    private static final int END = -1;
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final char REPLACEMENT = '\uFFFD';

    private final Reader reader;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int line = 1;
    private int column = 1;
    private int row;
    private int rowCharacters;
    private boolean started;
    private boolean finished;

    CsvRecords(Reader reader) {
        this.reader = reader;
    }

    /** The next record, or null after the last one (or after a problem that stops the reading). */
    Record next() throws IOException {
        if (!started) {
            started = true;
            if (peek(0) == BYTE_ORDER_MARK) {
                position++; // not a character of the first line: the column stays 1
            }
        }
        if (finished || peek(0) == END) {
            finished = true;
            return null;
        }
        row++;
        rowCharacters = 0;
        int recordLine = line;
        List<Cell> cells = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        while (true) {
            Cell cell = readCell(cells.size(), problems);
            if (cell == null) {
                finished = true;
                break;
            }
            cells.add(cell);
            int lineBefore = line;
            int delimiter = take();
            if (delimiter == ',') {
                continue;
            }
            if (delimiter == '\r' && line > lineBefore) { // taken alone: CR LF leaves the LF to come
                problems.add(new Problem(lineBefore, cells.size() - 1, CHARACTER_RULE,
                        "line " + lineBefore + " ends with a carriage return (CR) alone"));
            } else if (delimiter == '\r') {
                take();
            }
            break;
        }
        return new Record(row, recordLine, List.copyOf(cells), List.copyOf(problems), !finished);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Reads one cell, leaving the character after it; null when the reading cannot go on. */
    private Cell readCell(int index, List<Problem> problems) throws IOException {
        skipBlanks();
        int cellLine = line;
        int cellColumn = column;
        StringBuilder value = new StringBuilder();
        boolean readable = true;
        if (peek(0) == '"') {
            take();
            while (true) {
                int c = take();
                if (c == END) {
                    problems.add(new Problem(cellLine, index, QUOTE_RULE, "the double quote at character " + cellColumn
                            + " of line " + cellLine + " is never closed, so the rest of the file would be one cell"));
                    return null;
                }
                if (tooLong(index, problems, cellLine, cellColumn)) {
                    return null;
                }
                if (c == '"') {
                    if (peek(0) != '"') {
                        break;
                    }
                    take();
                } else if (readable && !allowed(c, true)) {
                    problems.add(characterProblem(index, c));
                    readable = false;
                }
                value.append((char) c);
            }
            skipBlanks();
            if (!endsCell(peek(0))) {
                problems.add(new Problem(line, index, QUOTE_RULE, "found " + describe(peek(0)) + " at character "
                        + column + " of line " + line + ", after the quote that closes the cell"));
                readable = false;
                while (!endsCell(peek(0))) {
                    take();
                }
            }
        } else {
            while (!endsCell(peek(0))) {
                if (tooLong(index, problems, 0, 0)) {
                    return null;
                }
                int c = peek(0);
                if (readable && c == '"') {
                    problems.add(new Problem(line, index, QUOTE_RULE, "a double quote at character " + column
                            + " of line " + line + " inside a plain cell"));
                    readable = false;
                } else if (readable && !allowed(c, false)) {
                    problems.add(characterProblem(index, c));
                    readable = false;
                }
                value.append((char) take());
            }
            int end = value.length();
            while (end > 0 && isBlank(value.charAt(end - 1))) {
                end--;
            }
            value.setLength(end);
        }
        return new Cell(readable ? value.toString() : "", cellLine, cellColumn, readable);
    }

    private boolean tooLong(int index, List<Problem> problems, int quoteLine, int quoteColumn) {
        if (++rowCharacters <= MAX_ROW_CHARACTERS) {
            return false;
        }
        String hint = quoteLine > 0 ? " (is the double quote at character " + quoteColumn + " of line " + quoteLine
                + " missing its closing quote?)" : "";
        problems.add(new Problem(line, index, ROW_LENGTH_RULE, "row " + row + " is longer" + hint
                + ", so the rest of the file is not read"));
        return true;
    }

    private Problem characterProblem(int index, int c) {
        return new Problem(line, index, CHARACTER_RULE, "found " + describe(c) + " at character " + column
                + " of line " + line);
    }

    private static boolean allowed(int c, boolean quoted) {
        if (c == REPLACEMENT || c == BYTE_ORDER_MARK) {
            return false;
        }
        return c == '\t' || (quoted && (c == '\r' || c == '\n')) || !Character.isISOControl(c);
    }

    private static String describe(int c) {
        if (c == REPLACEMENT) {
            return "U+FFFD (what bytes that are not UTF-8 text are read as)";
        }
        String name = Character.getName(c);
        return c >= ' ' && c <= '~' ? "'" + (char) c + "'" : String.format("U+%04X%s", c, name == null ? "" : " " + name);
    }

    private static boolean endsCell(int c) {
        return c == ',' || c == '\n' || c == '\r' || c == END;
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    private void skipBlanks() throws IOException {
        while (isBlank(peek(0))) {
            take();
        }
    }

    /** The character {@code ahead} places on, without taking it, or {@link #END}. */
    private int peek(int ahead) throws IOException {
        while (position + ahead >= limit) {
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            int read = reader.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                return END;
            }
            limit += read;
        }
        return buffer[position + ahead];
    }

    /** Takes the next character, keeping count of lines (LF, CR LF or CR alone) and columns. */
    private int take() throws IOException {
        int c = peek(0);
        if (c == END) {
            return END;
        }
        position++;
        if (c == '\n' || (c == '\r' && peek(0) != '\n')) {
            line++;
            column = 1;
        } else if (!Character.isLowSurrogate((char) c)) {
            column++;
        }
        return c;
    }
}
