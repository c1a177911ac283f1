package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keys and assertions for the donor-file tests. The keys are RSA public keys as far as any parser can tell
 * (a 2048-bit odd modulus, e = 65537) but are not products of two primes: making thousands of real key pairs
 * would take minutes, and nothing here factors or encrypts.
 */
final class DonorFixtures {
    private DonorFixtures() {
    }

    /** The same key for the same number, a different one for a different number. */
    static SeattlePublicKey key(int number) {
        return key(number, 2048);
    }

    static SeattlePublicKey key(int number, int bits) {
        BigInteger n = new BigInteger(bits, new Random(number * 7919L + bits)).setBit(bits - 1).setBit(0);
        return new SeattlePublicKey(BigInteger.valueOf(65537), n);
    }

    /**
     * Writes {@code donors.csv} with {@code rows} donors for the clearinghouse template, and the key files it
     * names, into {@code directory}. Donor {@code i} is named {@code donor-i} and owns {@code key(i % distinct,
     * bits)}, given in turn as Seattle text, as quoted PEM and as a key file; every row names one shared
     * {@code acceptdonations} key file, and every tenth row adds the lab's key (a shared PEM file) as an extra
     * user of vessel 1. With more distinct keys than {@link KeyCells#REMEMBERED}, taken in turn, no donor's
     * key is found among those remembered: every key is parsed, as if each were different.
     */
    static Path writeTable(Path directory, int rows, int bits, int distinct) throws IOException {
        Files.createDirectories(directory.resolve("keys"));
        Files.writeString(directory.resolve("keys/acceptdonations.publickey"), acceptDonations(bits).toText());
        Files.writeString(directory.resolve("keys/lab.pub.pem"), pem(lab(bits)));
        String[] cells = new String[Math.min(rows, distinct) * 3];
        Path table = directory.resolve("donors.csv");
        try (BufferedWriter out = Files.newBufferedWriter(table)) {
            out.write("name,donor,acceptdonations,users_v1\r\n");
            for (int row = 0; row < rows; row++) {
                int form = row % 3;
                int slot = (row % distinct) * 3 + form;
                if (cells[slot] == null) {
                    SeattlePublicKey key = key(row % distinct, bits);
                    cells[slot] = switch (form) {
                        case 0 -> key.toText();
                        case 1 -> "\"" + pem(key) + "\"";
                        default -> {
                            String file = "keys/donor-" + (row % distinct) + ".publickey";
                            Files.writeString(directory.resolve(file), key.toText());
                            yield file;
                        }
                    };
                }
                out.write("donor-" + row + "," + cells[slot] + ",keys/acceptdonations.publickey,"
                        + (row % 10 == 0 ? "keys/lab.pub.pem" : "") + "\r\n");
            }
        }
        return table;
    }

    static SeattlePublicKey acceptDonations(int bits) {
        return key(-1, bits);
    }

    static SeattlePublicKey lab(int bits) {
        return key(-2, bits);
    }

    static String pem(SeattlePublicKey key) {
        return PublicKeyPem.encode(key.toJavaKey());
    }

    static List<DonorName> names(String... names) {
        return Stream.of(names).map(DonorName::new).toList();
    }

    /** Lines, each ended by LF. */
    static String lines(String... lines) {
        return List.of(lines).stream().map(line -> line + "\n").collect(Collectors.joining());
    }

    static InputProblem onlyProblem(InvalidInputException e) {
        assertEquals(1, e.problems().size(), e::getMessage);
        return e.problems().get(0);
    }

    /** The problem's source, line and rule are as given, and its detail contains the text. */
    static void assertProblem(InputProblem problem, String source, int line, String rule, String detail) {
        assertEquals(source, problem.source(), problem::describe);
        assertEquals(line, problem.line(), problem::describe);
        assertEquals(rule, problem.rule(), problem::describe);
        assertTrue(problem.detail().contains(detail), () -> "'" + detail + "' not in: " + problem.describe());
    }

    /** The one problem of {@code problems} on the line with the rule. */
    static InputProblem problemAt(List<InputProblem> problems, int line, String rule) {
        List<InputProblem> found = problems.stream()
                .filter(problem -> problem.line() == line && problem.rule().equals(rule))
                .toList();
        if (found.size() != 1) {
            fail("expected one problem on line " + line + " with rule '" + rule + "', found " + found + " in " + problems);
        }
        return found.get(0);
    }
}
