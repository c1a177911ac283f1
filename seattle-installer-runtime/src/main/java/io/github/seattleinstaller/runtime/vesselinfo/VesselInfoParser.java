package io.github.seattleinstaller.runtime.vesselinfo;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.keys.KeyFormatException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one {@code vesselinfo} text line by line, collecting every problem; the format is described on
 * {@link VesselInfo}. Single use.
 */
final class VesselInfoParser {
    static final String CHARACTER_RULE = "lines end with LF or CR LF and hold only printable ASCII, spaces and tabs";
    static final String EMPTY_LINE_RULE = "no line is empty, though the file may end with a newline";
    static final String LABEL_RULE = "each line starts with one of the case-sensitive labels Percent, Owner, User";
    static final String PERCENT_NUMBER_RULE = "Percent is followed by one whole number in decimal digits";
    static final String IN_VESSEL_RULE = "Owner and User lines follow the Percent line that starts their vessel";
    static final String ONE_OWNER_RULE = "each vessel has exactly one Owner";

    private static final Pattern SEPARATOR = Pattern.compile("[ \t]+");
    private static final Pattern SURROUNDING_BLANKS = Pattern.compile("^[ \t]+|[ \t]+$");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final String source;
    private final List<InputProblem> problems = new ArrayList<>();
    private final List<VesselDraft> vessels = new ArrayList<>();
    /** False once a percentage could not be read: their sum is then unknown. */
    private boolean percentagesComplete = true;

    VesselInfoParser(String source) {
        this.source = source;
    }

    VesselInfo parse(String text) throws InvalidVesselInfoException {
        // The piece after a final LF is empty and is not a line: the file merely ends with a newline.
        String[] pieces = text.split("\n", -1);
        int lineCount = pieces[pieces.length - 1].isEmpty() ? pieces.length - 1 : pieces.length;
        for (int index = 0; index < lineCount; index++) {
            String line = pieces[index];
            boolean endsWithCrLf = index < pieces.length - 1 && line.endsWith("\r");
            readLine(index + 1, endsWithCrLf ? line.substring(0, line.length() - 1) : line);
        }
        for (VesselDraft vessel : vessels) {
            if (vessel.ownerLine == 0) {
                problem(vessel.line, ONE_OWNER_RULE, "the vessel starting on this line has no Owner");
            }
        }
        if (vessels.isEmpty()) {
            problems.add(InputProblem.whole(source, VesselInfo.AT_LEAST_ONE_VESSEL_RULE,
                    lineCount == 0 ? "the file is empty" : "found no Percent line"));
        }
        List<VesselInfo.Percentage> percentages = new ArrayList<>();
        for (VesselDraft vessel : vessels) {
            if (vessel.percent != null) {
                percentages.add(new VesselInfo.Percentage(vessel.percent, vessel.line, "line " + vessel.line));
            }
        }
        VesselInfo.checkPercentages(source, percentages, percentagesComplete, problems);
        // Without problems every draft is complete: a known tenth, an owner and readable keys.
        List<VesselSpec> specs = problems.isEmpty() ? vessels.stream().map(VesselDraft::toSpec).toList() : List.of();
        return VesselInfo.validated(source, specs, problems);
    }

    private void readLine(int lineNumber, String line) {
        String content = SURROUNDING_BLANKS.matcher(line).replaceAll("");
        String[] fields = SEPARATOR.split(content);
        if (reportedStrayCharacter(lineNumber, line)) {
            // Keep the vessel structure when the label is intact, so one stray character is one problem.
            Label.exactly(fields[0]).ifPresent(label -> applyUnreadable(label, lineNumber));
            return;
        }
        if (content.isEmpty()) {
            problem(lineNumber, EMPTY_LINE_RULE,
                    line.isEmpty() ? "the line is empty" : "the line holds only spaces or tabs");
            return;
        }
        Optional<Label> label = Label.exactly(fields[0]);
        if (label.isEmpty()) {
            label = Label.ignoringCase(fields[0]);
            String shown = "'" + InputProblem.abbreviate(fields[0]) + "'";
            problem(lineNumber, LABEL_RULE, label
                    .map(meant -> shown + " is not a label; labels are case-sensitive: write '" + meant.text() + "'")
                    .orElse(shown + " is not a label"));
            if (label.isEmpty()) {
                return;
            }
        }
        List<String> values = Arrays.asList(fields).subList(1, fields.length);
        switch (label.get()) {
            case PERCENT -> startVessel(lineNumber, readPercent(lineNumber, values));
            case OWNER, USER -> addKey(label.get(), lineNumber, readKey(label.get(), lineNumber, values));
        }
    }

    /** Reports the first character that has no place in the file, if any. */
    private boolean reportedStrayCharacter(int lineNumber, String line) {
        int column = 1;
        for (int offset = 0; offset < line.length(); column++) {
            int codePoint = line.codePointAt(offset);
            if (codePoint != '\t' && (codePoint < ' ' || codePoint > '~')) {
                problem(lineNumber, CHARACTER_RULE, "found " + describe(codePoint) + " at column " + column);
                return true;
            }
            offset += Character.charCount(codePoint);
        }
        return false;
    }

    private static String describe(int codePoint) {
        String code = String.format("U+%04X", codePoint);
        String name = Character.getName(codePoint);
        String described = name == null ? code : code + " " + name;
        // Decoding turns bytes that are not UTF-8 into this character; say so, it is the likelier cause.
        return codePoint == 0xFFFD ? described + " (what bytes that are not UTF-8 text are read as)" : described;
    }

    /** A line whose values cannot be trusted still opens its vessel or fills its Owner. */
    private void applyUnreadable(Label label, int lineNumber) {
        if (label == Label.PERCENT) {
            percentagesComplete = false;
            startVessel(lineNumber, null);
        } else {
            addKey(label, lineNumber, null);
        }
    }

    /** The percentage, or null (reported) if it is not one whole decimal number. */
    private BigInteger readPercent(int lineNumber, List<String> values) {
        if (values.size() == 1 && DIGITS.matcher(values.get(0)).matches()) {
            return new BigInteger(values.get(0));
        }
        String found;
        if (values.isEmpty()) {
            found = "found no number after Percent";
        } else if (values.size() > 1) {
            found = "found " + values.size() + " values: '" + InputProblem.abbreviate(String.join(" ", values)) + "'";
        } else {
            found = "'" + InputProblem.abbreviate(values.get(0)) + "' is not a whole number in decimal digits";
        }
        problem(lineNumber, PERCENT_NUMBER_RULE, found);
        percentagesComplete = false;
        return null;
    }

    /** The key, or null (reported) if it is not a Seattle public key. */
    private SeattlePublicKey readKey(Label label, int lineNumber, List<String> values) {
        try {
            return SeattlePublicKey.parse(String.join(" ", values));
        } catch (KeyFormatException e) {
            problem(lineNumber, e.rule(), label.text() + " key: " + e.detail());
            return null;
        }
    }

    private void startVessel(int lineNumber, BigInteger percent) {
        vessels.add(new VesselDraft(lineNumber, percent));
    }

    private void addKey(Label label, int lineNumber, SeattlePublicKey key) {
        if (vessels.isEmpty()) {
            problem(lineNumber, IN_VESSEL_RULE, label.text() + " line before the first Percent line");
            return;
        }
        VesselDraft vessel = vessels.get(vessels.size() - 1);
        if (label == Label.USER) {
            vessel.users.add(key);
        } else if (vessel.ownerLine > 0) {
            problem(lineNumber, ONE_OWNER_RULE, "second Owner of the vessel starting on line " + vessel.line
                    + "; its first Owner is on line " + vessel.ownerLine);
        } else {
            vessel.ownerLine = lineNumber;
            vessel.owner = key;
        }
    }

    private void problem(int lineNumber, String rule, String detail) {
        problems.add(new InputProblem(source, lineNumber, rule, detail));
    }

    /** A vessel as read so far; values that could not be read are null and already reported. */
    private static final class VesselDraft {
        final int line;
        final BigInteger percent;
        final List<SeattlePublicKey> users = new ArrayList<>();
        int ownerLine;
        SeattlePublicKey owner;

        VesselDraft(int line, BigInteger percent) {
            this.line = line;
            this.percent = percent;
        }

        VesselSpec toSpec() {
            return new VesselSpec(percent.intValueExact(), owner, users);
        }
    }
}
