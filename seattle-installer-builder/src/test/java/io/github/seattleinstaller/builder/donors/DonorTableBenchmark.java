package io.github.seattleinstaller.builder.donors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How long checking and reading a donor table takes, and how much memory it holds, as the number of donors
 * grows. Run it with:
 *
 * <pre>
 * ./mvnw -B -pl seattle-installer-builder -am test -Dbenchmark=true -Dtest=DonorTableBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>Tables of 1,000, 10,000 and 50,000 donors, each with a key of its own (3072 bits; a third as Seattle
 * text, a third as quoted PEM, a third as key files), the clearinghouse template, a shared acceptdonations
 * key file and an extra user on every tenth row. Per table: its size, the time of the check (every rule of
 * every row) and of one pass handing out every donor (medians of three), the heap the checked table holds (names and digests),
 * the most heap live at any of 20 points of a pass (the current donor and the reader's buffers), and, for
 * comparison, the heap that a list of all the donors' vessels would hold. Heap figures are the used heap
 * after a full collection, less the same before the table was read. Nothing is asserted. The table is also
 * written to {@code target/donor-table-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class DonorTableBenchmark {
    private static final int BITS = 3072;
    private static final int ROUNDS = 3;

    @TempDir
    Path temp;

    @Test
    void checkingAndReadingTables() throws Exception {
        DonorTable reader = DonorTable.of(VesselTemplate.CLEARINGHOUSE_DEFAULT,
                Map.of(VesselTemplate.OPERATOR, DonorFixtures.key(-3, BITS)), DonorTable.KeyFiles.RELATIVE_TO_TABLE);
        List<String> report = new ArrayList<>();
        report.add(String.format("%8s %11s %9s %8s %13s %14s %15s", "donors", "table bytes", "check ms", "pass ms",
                "checked heap", "pass live heap", "list of all heap"));
        measure(reader, 1_000, null); // JIT
        for (int donors : new int[] {1_000, 10_000, 50_000}) {
            measure(reader, donors, report);
        }
        String table = String.join("\n", report) + "\n";
        System.out.print(table);
        Files.writeString(Path.of("target", "donor-table-benchmark.txt"), table);
    }

    private void measure(DonorTable reader, int donors, List<String> report) throws Exception {
        Path directory = Files.createDirectories(temp.resolve(donors + "-" + System.nanoTime()));
        Path table = DonorFixtures.writeTable(directory, donors, BITS, donors);
        long baseline = usedAfterCollection();

        CheckedDonors checked = null;
        double[] checkMillis = new double[ROUNDS];
        double[] passMillis = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            checked = reader.check(table);
            checkMillis[round] = (System.nanoTime() - started) / 1e6;
            started = System.nanoTime();
            try (Stream<DonorSplit> stream = checked.stream()) {
                stream.forEach(donor -> {
                });
            }
            passMillis[round] = (System.nanoTime() - started) / 1e6;
        }
        long checkedHeap = usedAfterCollection() - baseline;

        long passLive = 0;
        try (Stream<DonorSplit> stream = checked.stream()) {
            Iterator<DonorSplit> pass = stream.iterator();
            for (int index = 0; pass.hasNext(); index++) {
                DonorSplit donor = pass.next();
                if (index % (donors / 20) == 0) {
                    passLive = Math.max(passLive, usedAfterCollection() - baseline - checkedHeap);
                }
                donor.name();
            }
        }

        List<DonorSplit> all;
        try (Stream<DonorSplit> stream = checked.stream()) {
            all = stream.toList();
        }
        long listHeap = usedAfterCollection() - baseline - checkedHeap;
        if (all.size() != checked.size()) {
            throw new IllegalStateException("a pass gave " + all.size() + " donors");
        }
        if (report != null) {
            report.add(String.format("%8d %11d %9.0f %8.0f %10.1f MB %11.1f MB %12.1f MB", donors, Files.size(table),
                    median(checkMillis), median(passMillis), checkedHeap / 1e6, passLive / 1e6, listHeap / 1e6));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long usedAfterCollection() {
        for (int round = 0; round < 3; round++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
