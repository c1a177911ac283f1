package io.github.seattleinstaller.maven;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;

import java.util.Map;
import java.util.stream.Collectors;

/** The core's problems as a build failure message that points at the POM's parameters. */
final class Messages {
    private Messages() {
    }

    /**
     * One line per problem; a problem about a file that came from a parameter starts with that parameter.
     *
     * @param parametersBySource parameter names keyed by the source names the core uses (file paths)
     */
    static String naming(InvalidInputException invalid, Map<String, String> parametersBySource) {
        String summary = invalid.getMessage().lines().findFirst().orElse("Invalid input");
        return summary + ":\n" + invalid.problems().stream()
                .map(problem -> "  " + prefix(problem, parametersBySource) + problem.describe())
                .collect(Collectors.joining("\n"));
    }

    private static String prefix(InputProblem problem, Map<String, String> parametersBySource) {
        String parameter = parametersBySource.get(problem.source());
        return parameter == null ? "" : "<" + parameter + "> ";
    }
}
