package io.github.seattleinstaller.runtime.input;

/**
 * One thing wrong with an input file: where it is and which rule it breaks.
 *
 * @param source  what the input is called for the user (a file name, or a description such as
 *                {@code "<vessels> in the POM"})
 * @param line    1-based line number, or 0 when the problem concerns the whole input
 * @param rule    the rule broken, stated as the rule (for example "percentages sum to 100")
 * @param detail  what was found, in the user's terms
 */
public record InputProblem(String source, int line, String rule, String detail) {

    /** A problem that concerns the input as a whole rather than one line. */
    public static InputProblem whole(String source, String rule, String detail) {
        return new InputProblem(source, 0, rule, detail);
    }

    /** "vesselinfo line 3: 'percent 80': unknown label (rule: labels are ...)". */
    public String describe() {
        String where = line > 0 ? source + " line " + line : source;
        return where + ": " + detail + " (rule: " + rule + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
