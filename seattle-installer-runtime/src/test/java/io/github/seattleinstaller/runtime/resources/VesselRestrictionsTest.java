package io.github.seattleinstaller.runtime.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VesselRestrictionsTest {

    @Test
    void defaultTextIsTheShippedRestrictionsFile() {
        String text = VesselRestrictions.defaultText();
        assertTrue(text.startsWith("# Restrictions on the calls"), text);
        assertTrue(text.contains("\ncall open allow\n"), text);
        assertTrue(text.endsWith("call get_thread_name allow\n"), text);
    }

    @Test
    void offcutDefaultStillReadsItsOwnFile() {
        assertTrue(Offcut.defaultText().contains("resource cpu .002"));
        assertEquals("vessel.restrictions", VesselRestrictions.FILE_NAME);
    }
}
