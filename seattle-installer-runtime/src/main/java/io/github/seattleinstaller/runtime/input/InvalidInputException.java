package io.github.seattleinstaller.runtime.input;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An input broke one or more rules. Carries every problem found, so that the user can fix them all in
 * one go; the message lists them one per line and never contains a Java exception name.
 */
public class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<InputProblem> problems;

    public InvalidInputException(String summary, List<InputProblem> problems) {
        super(summary + ":\n" + problems.stream()
                .map(problem -> "  " + problem.describe())
                .collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid input needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<InputProblem> problems() {
        return problems;
    }
}
