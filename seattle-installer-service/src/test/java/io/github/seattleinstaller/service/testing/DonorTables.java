package io.github.seattleinstaller.service.testing;

import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Donor tables for job tests: donors {@code donor00001}, ... each with a key of its own. The keys are Seattle
 * text {@code 65537 n} with a random odd 2048-bit {@code n}: valid as far as a vesselinfo is concerned (they are
 * never used to encrypt), and free to make, where generating 10,000 real key pairs would take minutes.
 */
public final class DonorTables {
    private final SecureRandom random = new SecureRandom();

    /** A donor of a table: its name and key. */
    public record Donor(String name, SeattlePublicKey key) {
    }

    public SeattlePublicKey key() {
        BigInteger n = new BigInteger(2048, random).setBit(2047).setBit(0);
        return new SeattlePublicKey(BigInteger.valueOf(65537), n);
    }

    public List<Donor> donors(int count) {
        List<Donor> donors = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            donors.add(new Donor(String.format("donor%05d", i), key()));
        }
        return donors;
    }

    /** {@code name,donor} rows, for the clearinghouse template with {acceptdonations} bound by the service. */
    public static String csv(List<Donor> donors) {
        StringBuilder csv = new StringBuilder("name,donor\n");
        for (Donor donor : donors) {
            csv.append(donor.name()).append(',').append(donor.key().toText()).append('\n');
        }
        return csv.toString();
    }

    /** {@code name,donor,COLUMN} rows with the same key in the last column of every row. */
    public static String csv(List<Donor> donors, String column, SeattlePublicKey everyRow) {
        StringBuilder csv = new StringBuilder("name,donor," + column + "\n");
        for (Donor donor : donors) {
            csv.append(donor.name()).append(',').append(donor.key().toText()).append(',').append(everyRow.toText())
                    .append('\n');
        }
        return csv.toString();
    }
}
