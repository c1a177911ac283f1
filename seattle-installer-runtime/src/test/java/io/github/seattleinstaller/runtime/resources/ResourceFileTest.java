package io.github.seattleinstaller.runtime.resources;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceFileTest {

    @Test
    void readsValuesCommentsAndBlankLines() throws Exception {
        ResourceFile file = ResourceFile.parse("maxima", "# measured on host a\n\nresource cpu 4\r\n"
                + "resource memory 8e9   # eight gigabytes\nresource random .5\n");
        assertEquals(4.0, file.values().get(Resource.CPU));
        assertEquals(8e9, file.values().get(Resource.MEMORY));
        assertEquals(0.5, file.values().get(Resource.RANDOM));
        assertEquals(4, file.lineOf(Resource.MEMORY));
        assertFalse(file.values().containsKey(Resource.EVENTS));
    }

    @Test
    void reportsEveryBadLineWithItsRule() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ResourceFile.parse("maxima",
                "resource cpu 1\nresource Memory 5\nresource cpu 2\nresource disk\nresource random NaN\n"
                        + "resource random 0x10\nres memory 1\nresource events 1e999\n"));
        List<InputProblem> problems = e.problems();
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), problems.stream().map(InputProblem::line).toList());
        assertEquals("value '1e999' of events is too large", problems.get(6).detail());
        assertTrue(problems.get(0).rule().contains("case-sensitive"));
        assertEquals("cpu is already given on line 1", problems.get(1).detail());
        assertTrue(e.getMessage().contains("maxima line 5: value 'NaN' of random is not a number"),
                e.getMessage());
    }

    @Test
    void theBuiltInOffcutIsSeattles() {
        ResourceAmounts offcut = Offcut.defaults();
        assertEquals(0.002, offcut.get(Resource.CPU));
        assertEquals(1_000_000, offcut.get(Resource.MEMORY));
        assertEquals(100_000, offcut.get(Resource.DISKUSED));
        assertEquals(2, offcut.get(Resource.EVENTS));
        assertEquals(1000, offcut.get(Resource.FILEWRITE));
        assertEquals(1000, offcut.get(Resource.FILEREAD));
        assertEquals(1, offcut.get(Resource.FILESOPENED));
        assertEquals(100, offcut.get(Resource.LOGRATE));
        for (Resource zero : List.of(Resource.INSOCKETS, Resource.OUTSOCKETS, Resource.NETSEND, Resource.NETRECV,
                Resource.LOOPSEND, Resource.LOOPRECV, Resource.RANDOM)) {
            assertEquals(0, offcut.get(zero), zero.seattleName());
        }
    }

    @Test
    void anOffcutMustBeCompleteNonNegativeAndWholeForCounts() {
        String complete = Offcut.defaultText();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Offcut.parse("custom.offcut",
                complete.replace("resource memory 1000000", "resource memory 1.5")
                        .replace("resource lograte 100", "resource lograte -1")
                        .replace("resource random 0\n", "")));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("the offcut of a count is a whole number"), e.getMessage());
        assertTrue(e.getMessage().contains("an offcut is not negative"), e.getMessage());
        assertTrue(e.getMessage().contains("custom.offcut: no line for random"), e.getMessage());
    }

    @Test
    void defaultsAreTheReferenceTable() {
        ResourceAmounts defaults = ResourceAmounts.defaults();
        assertEquals(1, defaults.get(Resource.CPU));
        assertEquals(510_000_000, defaults.get(Resource.MEMORY));
        assertEquals(3_700_000_000L, defaults.get(Resource.DISKUSED));
        assertEquals(50_000_000, defaults.get(Resource.LOOPRECV));
        assertEquals(200_000, defaults.get(Resource.RANDOM));
        assertEquals(15, Resource.values().length);
    }
}
