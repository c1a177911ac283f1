package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.github.seattleinstaller.builder.donors.DonorFixtures.acceptDonations;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.key;
import static io.github.seattleinstaller.builder.donors.DonorFixtures.lab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A table of 10,000 donors with 3072-bit keys in every form a cell takes, checked and read back. */
class DonorTableScaleTest {
    private static final int ROWS = 10_000;
    private static final int BITS = 3072;
    /** Keys to take in turn: more than are remembered, so that every key is parsed; fewer than rows, to write fast. */
    private static final int DISTINCT_KEYS = 2 * KeyCells.REMEMBERED;

    @TempDir
    Path project;

    @Test
    void tenThousandDonors() throws Exception {
        long writing = System.nanoTime();
        Path table = DonorFixtures.writeTable(project, ROWS, BITS, DISTINCT_KEYS);
        System.out.printf("written in %d ms%n", (System.nanoTime() - writing) / 1_000_000);
        SeattlePublicKey operator = key(-3, BITS);
        DonorTable reader = DonorTable.of(VesselTemplate.CLEARINGHOUSE_DEFAULT,
                Map.of(VesselTemplate.OPERATOR, operator), DonorTable.KeyFiles.RELATIVE_TO_TABLE);

        long started = System.nanoTime();
        CheckedDonors checked = reader.check(table);
        long checkedAt = System.nanoTime();
        assertEquals(ROWS, checked.size());
        List<SeattlePublicKey> owners = IntStream.range(0, DISTINCT_KEYS).mapToObj(number -> key(number, BITS)).toList();
        int line = 2;
        try (Stream<DonorSplit> stream = checked.stream()) {
            Iterator<DonorSplit> donors = stream.iterator();
            for (int row = 0; row < ROWS; row++) {
                DonorSplit donor = donors.next();
                assertEquals(new DonorName("donor-" + row), donor.name());
                assertEquals(table + " line " + line, donor.origin());
                List<SeattlePublicKey> users = row % 10 == 0 ? List.of(acceptDonations(BITS), lab(BITS))
                        : List.of(acceptDonations(BITS));
                assertEquals(List.of(new VesselSpec(80, owners.get(row % DISTINCT_KEYS), users), new VesselSpec(20, operator, List.of())),
                        donor.vesselInfo().vessels());
                // A quoted PEM cell spans 12 lines: BEGIN, 9 of base64, END, and the closing quote's.
                line += row % 3 == 1 ? 12 : 1;
            }
            assertFalse(donors.hasNext());
        }
        System.out.printf("%d donors with %d-bit keys: checked in %d ms, read again in %d ms%n", ROWS, BITS,
                (checkedAt - started) / 1_000_000, (System.nanoTime() - checkedAt) / 1_000_000);
    }
}
