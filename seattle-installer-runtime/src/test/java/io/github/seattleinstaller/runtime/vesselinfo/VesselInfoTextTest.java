package io.github.seattleinstaller.runtime.vesselinfo;

import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.ALICE;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.BOB;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.CAROL;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.SOURCE;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.lines;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.owner;
import static io.github.seattleinstaller.runtime.vesselinfo.VesselInfoFixtures.user;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The canonical writer and its round trip with the parser. */
class VesselInfoTextTest {

    @Test
    void writesTheCanonicalFormWithLfEndings() throws Exception {
        VesselInfo info = VesselInfo.of(SOURCE, List.of(
                new VesselSpec(80, ALICE, List.of(BOB, CAROL)), new VesselSpec(20, CAROL, List.of())));

        String expected = "Percent 80\n"
                + "Owner " + ALICE.e() + " " + ALICE.n() + "\n"
                + "User " + BOB.e() + " " + BOB.n() + "\n"
                + "User " + CAROL.e() + " " + CAROL.n() + "\n"
                + "Percent 20\n"
                + "Owner " + CAROL.e() + " " + CAROL.n() + "\n";
        assertEquals(expected, info.toText());
    }

    @Test
    void parsingTheWrittenTextGivesAnEqualInstance() throws Exception {
        VesselInfo built = VesselInfo.of(SOURCE, List.of(new VesselSpec(50, ALICE, List.of(BOB)),
                new VesselSpec(30, BOB, List.of(ALICE, CAROL)), new VesselSpec(20, CAROL, List.of())));

        VesselInfo parsed = VesselInfo.parse(SOURCE, built.toText());

        assertEquals(built, parsed);
        assertEquals(built.hashCode(), parsed.hashCode());
    }

    @Test
    void writingParsedCanonicalTextGivesTheSameBytes() throws Exception {
        String canonical = lines("Percent 80", owner(ALICE), user(BOB), "Percent 20", owner(CAROL));

        assertArrayEquals(canonical.getBytes(StandardCharsets.UTF_8),
                VesselInfo.parse(SOURCE, canonical).toText().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writingNormalizesTolerableVariations() throws Exception {
        String canonical = lines("Percent 100", owner(ALICE), user(BOB));
        String varied = "  Percent\t0100 \r\nUser  " + BOB.toText() + "\r\n\tOwner " + ALICE.toText();

        assertEquals(canonical, VesselInfo.parse(SOURCE, varied).toText());
    }

    @Test
    void instancesDifferWhenVesselsDiffer() throws Exception {
        VesselInfo one = VesselInfo.parse(SOURCE, lines("Percent 100", owner(ALICE)));

        assertNotEquals(one, VesselInfo.parse(SOURCE, lines("Percent 100", owner(BOB))));
        assertNotEquals(one, VesselInfo.parse(SOURCE, lines("Percent 100", owner(ALICE), user(BOB))));
        assertNotEquals(one, VesselInfo.parse(SOURCE, lines("Percent 50", owner(ALICE), "Percent 50", owner(ALICE))));
    }

    @Test
    void toStringShowsFingerprintsNotWholeKeys() throws Exception {
        String shown = VesselInfo.parse(SOURCE, lines("Percent 100", owner(ALICE), user(BOB))).toString();

        assertTrue(shown.contains("100%") && shown.contains(ALICE.fingerprint().toString()), shown);
        assertFalse(shown.contains(ALICE.n().toString()), shown);
    }

    @Test
    void theModelIsImmutable() throws Exception {
        List<SeattlePublicKey> users = new ArrayList<>(List.of(BOB));
        VesselSpec vessel = new VesselSpec(100, ALICE, users);
        users.add(CAROL);
        List<VesselSpec> vessels = new ArrayList<>(List.of(vessel));
        VesselInfo info = VesselInfo.of(SOURCE, vessels);
        vessels.clear();

        assertEquals(List.of(BOB), vessel.users());
        assertEquals(List.of(vessel), info.vessels());
        assertThrowsUnsupported(() -> info.vessels().clear());
        assertThrowsUnsupported(() -> vessel.users().add(CAROL));
    }

    private static void assertThrowsUnsupported(Runnable mutation) {
        assertThrows(UnsupportedOperationException.class, mutation::run);
    }
}
