package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.PublicKeyPem;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

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

    static String pem(SeattlePublicKey key) {
        return PublicKeyPem.encode(key.toJavaKey());
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
