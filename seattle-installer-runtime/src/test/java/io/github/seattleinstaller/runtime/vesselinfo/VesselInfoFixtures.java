package io.github.seattleinstaller.runtime.vesselinfo;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real RSA keys and shared assertions for the vesselinfo tests; 1024-bit keys keep the tests fast. */
final class VesselInfoFixtures {
    static final SeattlePublicKey ALICE = generate();
    static final SeattlePublicKey BOB = generate();
    static final SeattlePublicKey CAROL = generate();

    static final String SOURCE = "test/vesselinfo";

    private VesselInfoFixtures() {
    }

    private static SeattlePublicKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            return SeattlePublicKey.from((RSAPublicKey) generator.generateKeyPair().getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines, each ended by LF. */
    static String lines(String... lines) {
        return Arrays.stream(lines).map(line -> line + "\n").collect(Collectors.joining());
    }

    static String owner(SeattlePublicKey key) {
        return "Owner " + key.toText();
    }

    static String user(SeattlePublicKey key) {
        return "User " + key.toText();
    }

    /** Parses text that must be refused, checks the message is free of Java names, returns the problems. */
    static List<InputProblem> problemsIn(String text) {
        InvalidVesselInfoException refused = assertThrows(InvalidVesselInfoException.class,
                () -> VesselInfo.parse(SOURCE, text));
        assertNoJavaNames(refused.getMessage());
        assertEquals(SOURCE, refused.source());
        return refused.problems();
    }

    /** The one problem of text that breaks exactly one rule once. */
    static InputProblem onlyProblemIn(String text) {
        List<InputProblem> problems = problemsIn(text);
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        return problems.get(0);
    }

    static void assertProblem(InputProblem problem, int line, String ruleText, String detailText) {
        assertEquals(SOURCE, problem.source(), problem::describe);
        assertEquals(line, problem.line(), problem::describe);
        assertTrue(problem.rule().contains(ruleText), () -> "rule of " + problem.describe());
        assertTrue(problem.detail().contains(detailText), () -> "detail of " + problem.describe());
        assertTrue(problem.describe().contains("(rule: " + problem.rule() + ")"), problem::describe);
    }

    static void assertNoJavaNames(String message) {
        for (String javaName : List.of("Exception", "java.", "Error", "null")) {
            assertFalse(message.contains(javaName), () -> "'" + javaName + "' in: " + message);
        }
    }
}
