package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads the keys of a table's cells with the builder's {@link PublicKeyReader}, remembering the last few
 * hundred values: the same key (a clearinghouse's key, a shared key file) usually stands in every row,
 * while each donor's own key stands in one. The memory held is bounded whatever the number of rows.
 * Single use, not thread-safe.
 */
final class KeyCells {
    static final int REMEMBERED = 256;

    /** A key read, or why not. */
    private record Outcome(SeattlePublicKey key, String rule, String detail) {
    }

    /** Null when keys are taken only as text. */
    private final PublicKeyReader files;
    private final Map<String, Outcome> recent = new LinkedHashMap<>(REMEMBERED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** @param keyDirectory what key files are resolved against; null to accept keys only as text */
    KeyCells(Path keyDirectory) {
        this.files = keyDirectory == null ? null : new PublicKeyReader(keyDirectory);
    }

    /** The key a cell holds or names; null, with the problem given to {@code problems}, if there is none. */
    SeattlePublicKey read(String value, BiConsumer<String, String> problems) {
        Outcome outcome = recent.computeIfAbsent(value.strip(), this::outcome);
        if (outcome.key() == null) {
            problems.accept(outcome.rule(), outcome.detail());
        }
        return outcome.key();
    }

    private Outcome outcome(String value) {
        try {
            SeattlePublicKey key = files == null ? PublicKeyReader.readText(value, "") : files.read(value, "");
            return new Outcome(key, null, null);
        } catch (InvalidInputException e) {
            InputProblem problem = e.problems().get(0);
            return new Outcome(null, problem.rule(), problem.detail());
        }
    }
}
