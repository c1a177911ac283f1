package io.github.seattleinstaller.runtime.resources;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The resources one vessel costs ({@code resources.offcut}): subtracted from the donation once per
 * vessel. Every resource must be given, none negative, and the counts must be whole numbers (a fractional
 * offcut would make a count fractional, which a node manager cannot read).
 */
public final class Offcut {
    /** The file name in the installer, as in Seattle. */
    public static final String FILE_NAME = "resources.offcut";

    private Offcut() {
    }

    public static ResourceAmounts read(Path file) throws IOException, InvalidInputException {
        return validate(ResourceFile.read(file));
    }

    public static ResourceAmounts parse(String source, String text) throws InvalidInputException {
        return validate(ResourceFile.parse(source, text));
    }

    /** The text of the offcut Seattle shipped. */
    public static String defaultText() {
        return DefaultFiles.text(FILE_NAME);
    }

    /** The offcut Seattle shipped, parsed. */
    public static ResourceAmounts defaults() {
        try {
            return parse(FILE_NAME + " (built in)", defaultText());
        } catch (InvalidInputException e) {
            throw new IllegalStateException("the built-in offcut is invalid", e);
        }
    }

    private static ResourceAmounts validate(ResourceFile file) throws InvalidInputException {
        List<InputProblem> problems = new ArrayList<>();
        for (Resource resource : Resource.values()) {
            Double value = file.values().get(resource);
            if (value == null) {
                problems.add(InputProblem.whole(file.source(), "every resource has an offcut",
                        "no line for " + resource.seattleName()));
            } else if (value < 0) {
                problems.add(new InputProblem(file.source(), file.lineOf(resource), "an offcut is not negative",
                        resource.seattleName() + " is " + value));
            } else if (!resource.isFractional() && value != Math.rint(value)) {
                problems.add(new InputProblem(file.source(), file.lineOf(resource),
                        "the offcut of a count is a whole number",
                        resource.seattleName() + " is " + value));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid offcut file " + file.source(), problems);
        }
        return ResourceAmounts.of(file.values());
    }
}
