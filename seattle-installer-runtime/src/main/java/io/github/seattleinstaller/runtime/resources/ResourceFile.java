package io.github.seattleinstaller.runtime.resources;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file of {@code resource <name> <value>} lines, the format of Seattle's {@code resources.offcut} and of
 * our maxima files. {@code #} starts a comment; blank lines are allowed. Every line is checked and every
 * problem reported at once.
 */
public final class ResourceFile {
    /** Decimal numbers as Python's float() took them in these files; no NaN, Infinity or hex. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final String NUMBER_RULE = "the value is a finite decimal number";
    private static final String LINE_RULE = "each line is 'resource <name> <value>'";

    private final String source;
    private final Map<Resource, Double> values;
    private final Map<Resource, Integer> lines;

    private ResourceFile(String source, Map<Resource, Double> values, Map<Resource, Integer> lines) {
        this.source = source;
        this.values = Collections.unmodifiableMap(values);
        this.lines = Collections.unmodifiableMap(lines);
    }

    public static ResourceFile read(Path file) throws IOException, InvalidInputException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses the text.
     *
     * @param source the name used in messages, usually the file's path
     */
    public static ResourceFile parse(String source, String text) throws InvalidInputException {
        Map<Resource, Double> values = new EnumMap<>(Resource.class);
        Map<Resource, Integer> lines = new EnumMap<>(Resource.class);
        List<InputProblem> problems = new ArrayList<>();
        String[] rawLines = text.split("\r?\n", -1);
        for (int index = 0; index < rawLines.length; index++) {
            int lineNumber = index + 1;
            String line = stripComment(rawLines[index]).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 3 || !fields[0].equals("resource")) {
                problems.add(new InputProblem(source, lineNumber, LINE_RULE, "found '" + line + "'"));
                continue;
            }
            Optional<Resource> resource = Resource.bySeattleName(fields[1]);
            if (resource.isEmpty()) {
                problems.add(new InputProblem(source, lineNumber,
                        "the name is one of " + Resource.knownNames() + " (case-sensitive)",
                        "unknown resource '" + fields[1] + "'"));
                continue;
            }
            if (!NUMBER.matcher(fields[2]).matches()) {
                problems.add(new InputProblem(source, lineNumber, NUMBER_RULE,
                        "value '" + fields[2] + "' of " + fields[1] + " is not a number"));
                continue;
            }
            double value = Double.parseDouble(fields[2]);
            if (Double.isInfinite(value)) {
                problems.add(new InputProblem(source, lineNumber, NUMBER_RULE,
                        "value '" + fields[2] + "' of " + fields[1] + " is too large"));
                continue;
            }
            if (values.containsKey(resource.get())) {
                problems.add(new InputProblem(source, lineNumber, "each resource appears once",
                        fields[1] + " is already given on line " + lines.get(resource.get())));
                continue;
            }
            values.put(resource.get(), value);
            lines.put(resource.get(), lineNumber);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid resource file " + source, problems);
        }
        return new ResourceFile(source, values, lines);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    public String source() {
        return source;
    }

    /** The values given, in resource order; resources the file does not name are absent. */
    public Map<Resource, Double> values() {
        return values;
    }

    /** The line on which a resource was given, for messages about its value. */
    public int lineOf(Resource resource) {
        return lines.getOrDefault(resource, 0);
    }
}
