package io.github.seattleinstaller.runtime.vesselinfo;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;

import java.util.List;

/**
 * A vessel description ({@code vesselinfo}, or vessels configured in a build) broke one or more rules.
 * A type of its own so that the installer can tell a bad {@code vesselinfo} from other bad input.
 */
public class InvalidVesselInfoException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String source;

    public InvalidVesselInfoException(String source, List<InputProblem> problems) {
        super("Invalid vessels in " + source, problems);
        this.source = source;
    }

    /** What the vessel description is called in the messages, usually the file's path. */
    public String source() {
        return source;
    }
}
