package io.github.seattleinstaller.runtime.vesselinfo;

import io.github.seattleinstaller.runtime.filelist.SignedFileList;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a donation is split into vessels, and which keys own and use each: the {@code vesselinfo} file of a
 * customized installer (its name is {@link SignedFileList#VESSELINFO_FILE_NAME}).
 *
 * <pre>
 * Percent 80
 * Owner &lt;e&gt; &lt;n&gt;
 * User &lt;e&gt; &lt;n&gt;
 * Percent 20
 * Owner &lt;e&gt; &lt;n&gt;
 * </pre>
 *
 * <p>An instance always holds at least one vessel, every percentage is one of 10, 20, ..., 100 (the
 * installer hands out whole tenths of the donation) and they sum to 100. The same rules, with the same
 * messages, apply to text ({@link #parse}) and to vessels built in code ({@link #of}), so a build can
 * refuse an installer that every donor would refuse.
 *
 * <p>The text format read, strictly:
 * <ul>
 *   <li>lines end with LF or CR LF; a newline at the very end of the file is optional; no line is empty
 *       or only spaces and tabs;</li>
 *   <li>a line holds printable ASCII, spaces and tabs only; any other character (a lone CR, a byte order
 *       mark, a no-break space, bytes that are not UTF-8) is reported with its column;</li>
 *   <li>fields are separated by runs of spaces and tabs; spaces and tabs before the label and after the
 *       last field are tolerated (hand-edited files gain them, and they change no meaning);</li>
 *   <li>the labels are exactly {@code Percent}, {@code Owner} and {@code User}. A vessel starts at a
 *       {@code Percent} line followed by one whole number in decimal digits (leading zeros are read as in
 *       decimal, {@code 080} is 80); then come exactly one {@code Owner} and any number of {@code User}
 *       lines, in any order, each followed by a public key {@code e n} in decimal.</li>
 * </ul>
 *
 * <p>A vesselinfo is at most {@link #MAX_BYTES} bytes (1 MiB), as a file and as canonical text: the
 * installer reads no more than that, and builds refuse what donors would refuse. That holds about 800
 * lines of 4096-bit keys (a key line is some 1,250 bytes), far more than any split needs.
 *
 * <p>Every problem is reported at once. To avoid follow-on reports, a label that differs only in case is
 * reported and then read as the label it resembles, and a line with a stray character still opens a
 * vessel or counts as its {@code Owner} when its label is right.
 */
public final class VesselInfo {
    static final String AT_LEAST_ONE_VESSEL_RULE = "at least one vessel is described";
    static final String PERCENT_TENTHS_RULE = "each percentage is one of 10, 20, ..., 100";
    static final String PERCENT_SUM_RULE = "the percentages sum to exactly 100";

    /**
     * The largest vesselinfo, in bytes, that the installer reads and that builds customize or verify: 1 MiB.
     * One limit for every reader, so that nothing a build accepts is refused on the donor's machine.
     */
    public static final int MAX_BYTES = 1 << 20;
    static final String SIZE_RULE = "a vesselinfo is at most " + MAX_BYTES + " bytes (1 MiB)";

    private static final BigInteger TENTH = BigInteger.TEN;
    private static final BigInteger WHOLE = BigInteger.valueOf(100);

    private final List<VesselSpec> vessels;

    private VesselInfo(List<VesselSpec> vessels) {
        this.vessels = List.copyOf(vessels);
    }

    /**
     * Reads a {@code vesselinfo} text.
     *
     * @param source the name used in messages, usually the file's path
     * @throws InvalidVesselInfoException listing every rule the text breaks, each with its line
     */
    public static VesselInfo parse(String source, String text) throws InvalidVesselInfoException {
        // A char is at least one UTF-8 byte: only a text near the limit needs counting.
        if (text.length() > MAX_BYTES / 3) {
            requireWithinLimit(source, text.getBytes(StandardCharsets.UTF_8).length);
        }
        return new VesselInfoParser(source).parse(text);
    }

    /** Reads a {@code vesselinfo} file; see {@link #readBytes} and {@link #parse(String, byte[])}. */
    public static VesselInfo read(Path file) throws IOException, InvalidVesselInfoException {
        return parse(file.toString(), readBytes(file));
    }

    /**
     * Reads a vesselinfo's text as bytes (UTF-8). Bytes that are not UTF-8 are reported as a problem of the
     * text, not as an I/O failure.
     */
    public static VesselInfo parse(String source, byte[] content) throws InvalidVesselInfoException {
        requireWithinLimit(source, content.length);
        // new String(...) replaces malformed bytes with U+FFFD, which the parser reports with its column.
        return parse(source, new String(content, StandardCharsets.UTF_8));
    }

    /**
     * The bytes of a vesselinfo file, reading at most one byte more than {@link #MAX_BYTES}: a larger file
     * is refused without being read (or held in memory) whole.
     *
     * @throws InvalidVesselInfoException if the file is larger than {@link #MAX_BYTES}
     */
    public static byte[] readBytes(Path file) throws IOException, InvalidVesselInfoException {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_BYTES + 1);
        }
        if (content.length > MAX_BYTES) {
            requireWithinLimit(file.toString(), Files.size(file));
        }
        return content;
    }

    private static void requireWithinLimit(String source, long size) throws InvalidVesselInfoException {
        if (size > MAX_BYTES) {
            throw new InvalidVesselInfoException(source, List.of(InputProblem.whole(source, SIZE_RULE,
                    "found " + size + " bytes; ask your operator for the vesselinfo of your split")));
        }
    }

    /**
     * Vessels built in code, checked against the same rules as a parsed file.
     *
     * @param source the name used in messages, for example {@code "<vessels> of donor alice"}; problems of
     *               one vessel name it by its position, "vessel 1" being the first
     * @throws InvalidVesselInfoException listing every rule the vessels break
     */
    public static VesselInfo of(String source, List<VesselSpec> vessels) throws InvalidVesselInfoException {
        List<InputProblem> problems = new ArrayList<>();
        if (vessels.isEmpty()) {
            problems.add(InputProblem.whole(source, AT_LEAST_ONE_VESSEL_RULE, "no vessels given"));
        }
        List<Percentage> percentages = new ArrayList<>();
        for (int index = 0; index < vessels.size(); index++) {
            percentages.add(new Percentage(BigInteger.valueOf(vessels.get(index).percent()), 0,
                    "vessel " + (index + 1)));
        }
        checkPercentages(source, percentages, true, problems);
        VesselInfo checked = validated(source, vessels, problems);
        // The canonical text is ASCII: its length in chars is its length in bytes.
        requireWithinLimit(source, checked.toText().length());
        return checked;
    }

    /** The vessels, in file order; never empty. */
    public List<VesselSpec> vessels() {
        return vessels;
    }

    /**
     * The canonical text: for each vessel its {@code Percent} line, its {@code Owner} line, then one
     * {@code User} line per user, every line ending with LF. {@link #parse} of this text gives an equal
     * instance, and this text is byte-identical to any canonical text it was parsed from.
     */
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (VesselSpec vessel : vessels) {
            text.append(Label.PERCENT.text()).append(' ').append(vessel.percent()).append('\n');
            text.append(Label.OWNER.text()).append(' ').append(vessel.owner().toText()).append('\n');
            for (SeattlePublicKey user : vessel.users()) {
                text.append(Label.USER.text()).append(' ').append(user.toText()).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VesselInfo that && vessels.equals(that.vessels);
    }

    @Override
    public int hashCode() {
        return vessels.hashCode();
    }

    /** A short form for logs: each vessel's share and key fingerprints, never whole keys. */
    @Override
    public String toString() {
        return vessels.stream()
                .map(vessel -> vessel.percent() + "% owner " + vessel.owner() + " users " + vessel.users())
                .collect(Collectors.joining("; ", "VesselInfo[", "]"));
    }

    /**
     * A vessel's percentage, where it was given: a line of a file, or (line 0) a position in a list built
     * in code, named by {@code place}.
     */
    record Percentage(BigInteger value, int line, String place) {
    }

    /**
     * The percentage rules shared by files and code: each one a whole tenth, all summing to 100. The sum is
     * only checked when every percentage is known ({@code complete}), as a sum missing an unreadable value
     * would mislead.
     */
    static void checkPercentages(String source, List<Percentage> percentages, boolean complete,
                                 List<InputProblem> problems) {
        for (Percentage percentage : percentages) {
            BigInteger value = percentage.value();
            boolean wholeTenth = value.signum() > 0 && value.compareTo(WHOLE) <= 0
                    && value.mod(TENTH).signum() == 0;
            if (!wholeTenth) {
                String shown = InputProblem.abbreviate(value.toString());
                problems.add(new InputProblem(source, percentage.line(), PERCENT_TENTHS_RULE,
                        percentage.line() > 0 ? "found " + shown : percentage.place() + " has " + shown));
            }
        }
        if (!complete || percentages.isEmpty()) {
            return;
        }
        BigInteger sum = percentages.stream().map(Percentage::value).reduce(BigInteger.ZERO, BigInteger::add);
        if (!sum.equals(WHOLE)) {
            String terms = percentages.stream()
                    .map(percentage -> InputProblem.abbreviate(percentage.value().toString()) + " (" + percentage.place() + ")")
                    .collect(Collectors.joining(" + "));
            problems.add(InputProblem.whole(source, PERCENT_SUM_RULE,
                    "found " + InputProblem.abbreviate(sum.toString()) + ": " + terms));
        }
    }

    /**
     * The vessels if there are no problems; else every problem, in line order, those about the whole input
     * last.
     */
    static VesselInfo validated(String source, List<VesselSpec> vessels, List<InputProblem> problems)
            throws InvalidVesselInfoException {
        if (problems.isEmpty()) {
            return new VesselInfo(vessels);
        }
        List<InputProblem> ordered = new ArrayList<>(problems);
        ordered.sort(Comparator.comparingInt(problem -> problem.line() == 0 ? Integer.MAX_VALUE : problem.line()));
        throw new InvalidVesselInfoException(source, ordered);
    }
}
