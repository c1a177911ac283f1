package io.github.seattleinstaller.builder.donors;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comma-separated records under the donor table: RFC 4180 and what the table adds to it. */
class DonorCsvRecordsTest {
    private static List<CsvRecords.Record> records(String text) throws IOException {
        List<CsvRecords.Record> records = new ArrayList<>();
        try (CsvRecords reader = new CsvRecords(new StringReader(text))) {
            for (CsvRecords.Record record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }

    private static List<String> values(CsvRecords.Record record) {
        return record.cells().stream().map(CsvRecords.Cell::value).toList();
    }

    @Test
    void plainAndQuotedCells() throws Exception {
        List<CsvRecords.Record> records = records("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n");
        assertEquals(2, records.size());
        assertEquals(List.of("a", "b", "c"), values(records.get(0)));
        assertEquals(List.of("x, y", "say \"hi\"", ""), values(records.get(1)));
        assertTrue(records.get(1).problems().isEmpty());
    }

    @Test
    void aQuotedCellKeepsItsLineBreaksAndLaterRowsKnowTheirLines() throws Exception {
        List<CsvRecords.Record> records = records("a,\"one\r\ntwo\nthree\"\r\nb,c\r\n");
        assertEquals(List.of("a", "one\r\ntwo\nthree"), values(records.get(0)));
        CsvRecords.Record second = records.get(1);
        assertEquals(2, second.row());
        assertEquals(4, second.line());
        assertEquals(3, second.cells().get(1).column());
    }

    @Test
    void whereEachCellStarts() throws Exception {
        CsvRecords.Record record = records("ab,  \"cd\" ,\te\u00e9\uD83D\uDE00,f").get(0);
        assertEquals(List.of(1, 6, 13, 17), record.cells().stream().map(CsvRecords.Cell::column).toList());
        assertEquals(List.of("ab", "cd", "e\u00e9\uD83D\uDE00", "f"), values(record));
    }

    @Test
    void aFinalNewlineEndsTheLastRowAndMakesNoOther() throws Exception {
        assertEquals(1, records("a,b\n").size());
        assertEquals(1, records("a,b").size());
        assertEquals(2, records("a,b\n\n").size());
        assertTrue(records("a,b\n\n").get(1).blank());
        assertEquals(0, records("").size());
    }

    @Test
    void blankRecords() throws Exception {
        List<CsvRecords.Record> records = records("\n,,\n \t\n\"\",\"\"\nx\n");
        assertEquals(List.of(true, true, true, true, false), records.stream().map(CsvRecords.Record::blank).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), records.stream().map(CsvRecords.Record::row).toList());
    }

    @Test
    void aByteOrderMarkIsSkippedOnlyAtTheStart() throws Exception {
        List<CsvRecords.Record> records = records("\uFEFFname,x\n\uFEFFy,z\n");
        assertEquals(List.of("name", "x"), values(records.get(0)));
        assertEquals(1, records.get(0).cells().get(0).column());
        assertTrue(records.get(0).problems().isEmpty());
        assertEquals(CsvRecords.CHARACTER_RULE, records.get(1).problems().get(0).rule());
        assertFalse(records.get(1).cells().get(0).readable());
        assertTrue(records.get(1).cells().get(1).readable());
    }

    @Test
    void anUnclosedQuoteStopsTheReading() throws Exception {
        List<CsvRecords.Record> records = records("a,b\n\"c,d\ne,f\n");
        assertEquals(2, records.size());
        assertTrue(records.get(0).complete());
        CsvRecords.Record broken = records.get(1);
        assertFalse(broken.complete());
        assertEquals(List.of(new CsvRecords.Problem(2, 0, CsvRecords.QUOTE_RULE, "the double quote at character 1"
                + " of line 2 is never closed, so the rest of the file would be one cell")), broken.problems());
    }

    @Test
    void aLoneCarriageReturnEndsTheRowAndIsReported() throws Exception {
        List<CsvRecords.Record> records = records("a,b\rc,d\r\ne\n");
        assertEquals(3, records.size());
        assertEquals(List.of(new CsvRecords.Problem(1, 1, CsvRecords.CHARACTER_RULE,
                "line 1 ends with a carriage return (CR) alone")), records.get(0).problems());
        assertEquals(2, records.get(1).line());
        assertTrue(records.get(1).problems().isEmpty());
        assertEquals(3, records.get(2).line());
    }
}
