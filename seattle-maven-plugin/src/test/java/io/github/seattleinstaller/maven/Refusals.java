package io.github.seattleinstaller.maven;

import org.apache.maven.plugin.MojoFailureException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks of a goal that refuses its configuration: what it says, and that it wrote nothing. */
final class Refusals {
    private Refusals() {
    }

    /**
     * The message of the failure, which names no Java exception.
     *
     * @param notWritten a path the goal would have written, which must still not exist
     */
    static String refusal(AbstractSeattleMojo mojo, Path notWritten) {
        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertFalse(Files.exists(notWritten), "nothing is written: " + notWritten);
        assertFalse(refused.getMessage().contains("Exception"), refused.getMessage());
        return refused.getMessage();
    }

    static void assertHas(String message, String... expected) {
        for (String part : expected) {
            assertTrue(message.contains(part), "missing '" + part + "' in:\n" + message);
        }
    }
}
