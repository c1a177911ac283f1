package io.github.seattleinstaller.builder.customize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Optional;

class DonorNameTest {
    @Test
    void aNameIsOneTo64LettersDigitsAndUnderscoreDotDashStartingWithALetterOrDigit() {
        for (String good : new String[] {"a", "Z9", "alice", "carol.x-1", "lab_07", "x".repeat(64)}) {
            assertTrue(DonorName.isValid(good), good);
            assertEquals(good, new DonorName(good).value());
        }
        for (String bad : new String[] {"", "-dash", ".hidden", "_x", "a/b", "a b", "é", "x".repeat(65)}) {
            assertFalse(DonorName.isValid(bad), bad);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new DonorName(bad));
            assertTrue(refused.getMessage().startsWith(DonorName.RULE), refused.getMessage());
        }
        assertFalse(DonorName.isValid(null));
    }

    @Test
    void namesThatDifferOnlyInCaseRepeatEachOther() {
        DonorNames names = new DonorNames();
        assertEquals(Optional.empty(), names.addOrRepeated(new DonorName("Alice")));
        assertEquals(Optional.empty(), names.addOrRepeated(new DonorName("bob")));
        assertEquals(Optional.of(new DonorName("Alice")), names.addOrRepeated(new DonorName("alice")));
        assertEquals(Optional.of(new DonorName("bob")), names.addOrRepeated(new DonorName("bob")));
        assertEquals(2, names.size());
    }
}
