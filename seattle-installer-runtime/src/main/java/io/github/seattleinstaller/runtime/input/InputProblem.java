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

    /** For example "vesselinfo line 3: found 75 (rule: each percentage is one of 10, 20, ..., 100)". */
    public String describe() {
        String where = line > 0 ? source + " line " + line : source;
        return where + ": " + detail + " (rule: " + rule + ")";
    }

    /** Input text as shown in a message: keys run to a thousand digits, so long text is cut. */
    public static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 20) + "...";
    }

    @Override
    public String toString() {
        return describe();
    }
}
