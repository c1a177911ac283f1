package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFormatException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vessel split whose keys may be named placeholders, filled in per donor: a {@code vesselinfo} in which
 * the key of an {@code Owner} or {@code User} line may be written {@code {name}}.
 *
 * <pre>
 * Percent 80
 * Owner {donor}
 * User {acceptdonations}
 * Percent 20
 * Owner {operator}
 * </pre>
 *
 * <p>The rules:
 * <ul>
 *   <li>with every placeholder taken for a key, the text is a valid {@code vesselinfo} (the runtime's rules
 *       and messages: labels, one owner per vessel, percentages that are tenths summing to 100, ...). The
 *       percentages are fixed by the template, so they are checked when the template is read;</li>
 *   <li>a placeholder stands alone in place of the key of an {@code Owner} or {@code User} line; its name
 *       is 1 to 40 lowercase letters, digits and {@code _}, starting with a letter ({@link #PLACEHOLDER_NAME}).
 *       {@code name} and names starting with {@code users_} are reserved: they are the donor table's own
 *       columns. The same placeholder may stand in several places; it stands for one key;</li>
 *   <li>{@code {operator}} ({@link #OPERATOR}) is reserved for the operator's public key, which the build
 *       (the plugin, the service) fills in: a donor table never gives it;</li>
 *   <li>literal keys ({@code e n}) may stand beside placeholders;</li>
 *   <li>a vessel lists each user key once, with the keys filled in and any extra users added.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class VesselTemplate {
    /** The placeholder the build fills with the operator's public key. */
    public static final String OPERATOR = "operator";
    /** What a placeholder's name looks like, between the braces. */
    public static final Pattern PLACEHOLDER_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    public static final String PLACEHOLDER_RULE = "a placeholder is {name} alone in place of the key of an Owner or"
            + " User line; its name is 1 to 40 lowercase letters, digits and _ starting with a letter, other than"
            + " 'name' and names starting with 'users_' (the donor table's own columns)";
    public static final String FIXED_PERCENT_RULE = "percentages are fixed by the template: a placeholder stands only for a key";
    public static final String DISTINCT_USERS_RULE = "a vessel lists each user key once";
    public static final String KEYS_RULE = "every placeholder of the template is given a key, and only those";
    public static final String EXTRA_USERS_RULE = "extra users are added to vessels the template has";

    private static final String RESERVED_PREFIX = "users_";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");
    private static final Pattern SEPARATOR = Pattern.compile("[ \t]+");
    private static final Pattern PRINTABLE = Pattern.compile("[\\t\\x20-\\x7E]*");
    private static final Pattern SURROUNDING_BLANKS = Pattern.compile("^[ \t]+|[ \t]+$");
    /** Any valid key: what a placeholder is replaced with while the runtime checks the template. */
    private static final String STAND_IN_KEY = "3 7";

    /** Where the clearinghouse's split is kept on the class path. */
    public static final String CLEARINGHOUSE_DEFAULT_RESOURCE =
            "/io/github/seattleinstaller/builder/donors/clearinghouse.vesseltemplate";

    /**
     * The split a Seattle clearinghouse asks for: 80% owned by the donor's key {@code {donor}} with the
     * clearinghouse's key {@code {acceptdonations}} as its user, and the reserved 20% owned by the
     * operator's key {@code {operator}}.
     */
    public static final VesselTemplate CLEARINGHOUSE_DEFAULT = readResource(CLEARINGHOUSE_DEFAULT_RESOURCE);

    private final String source;
    private final String text;
    private final List<VesselSlots> vessels;
    private final List<String> placeholders;

    private VesselTemplate(String source, String text, List<VesselSlots> vessels) {
        this.source = source;
        this.text = text;
        this.vessels = List.copyOf(vessels);
        Set<String> names = new LinkedHashSet<>();
        for (VesselSlots vessel : vessels) {
            vessel.owner().placeholder().ifPresent(names::add);
            vessel.users().forEach(user -> user.placeholder().ifPresent(names::add));
        }
        this.placeholders = List.copyOf(names);
    }

    /**
     * Reads a template.
     *
     * @param source the name used in messages, usually the file's path
     * @throws InvalidVesselInfoException listing every rule the text breaks, each with its line
     */
    public static VesselTemplate parse(String source, String text) throws InvalidVesselInfoException {
        // The piece after a final LF is empty and is not a line, as in a vesselinfo.
        String[] pieces = text.split("\n", -1);
        int lineCount = pieces[pieces.length - 1].isEmpty() ? pieces.length - 1 : pieces.length;
        List<InputProblem> problems = new ArrayList<>();
        Set<Integer> reported = new HashSet<>();
        StringBuilder standIn = new StringBuilder();
        for (int index = 0; index < pieces.length; index++) {
            String piece = pieces[index];
            if (index < lineCount && (piece.indexOf('{') >= 0 || piece.indexOf('}') >= 0)) {
                int before = problems.size();
                piece = withStandInKey(source, index + 1, piece, problems);
                if (problems.size() > before) {
                    reported.add(index + 1);
                }
            }
            standIn.append(piece).append(index < pieces.length - 1 ? "\n" : "");
        }
        try {
            VesselInfo.parse(source, standIn.toString());
        } catch (InvalidVesselInfoException invalid) {
            // A line already reported here would only be reported again in the runtime's terms.
            invalid.problems().stream().filter(problem -> !reported.contains(problem.line())).forEach(problems::add);
        }
        if (problems.isEmpty()) {
            List<VesselSlots> vessels = slots(pieces, lineCount);
            checkDistinctUsers(source, vessels, problems);
            if (problems.isEmpty()) {
                return new VesselTemplate(source, text, vessels);
            }
        }
        problems.sort(Comparator.comparingInt(problem -> problem.line() == 0 ? Integer.MAX_VALUE : problem.line()));
        throw new InvalidVesselInfoException(source, problems);
    }

    /**
     * Reads a template file. Bytes that are not UTF-8 are reported as a problem of the text.
     */
    public static VesselTemplate read(Path file) throws IOException, InvalidVesselInfoException {
        return parse(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    /** What the template is called in messages, usually its file's path. */
    public String source() {
        return source;
    }

    /** The template's text, as read. */
    public String text() {
        return text;
    }

    /** The placeholders' names, each once, in the order they first appear; {@link #OPERATOR} among them if used. */
    public List<String> placeholders() {
        return placeholders;
    }

    /** The vessels' percentages, in order. */
    public List<Integer> percentages() {
        return vessels.stream().map(VesselSlots::percent).toList();
    }

    public int vesselCount() {
        return vessels.size();
    }

    /**
     * The vessels with the placeholders filled in.
     *
     * @param source what the result is called in messages, for example "donor alice"
     * @param keys   a key for every placeholder; a key for {@link #OPERATOR} is accepted even if unused
     * @throws InvalidInputException listing every missing or unknown placeholder and repeated user
     */
    public VesselInfo fill(String source, Map<String, SeattlePublicKey> keys) throws InvalidInputException {
        return fill(source, keys, Map.of());
    }

    /**
     * The vessels with the placeholders filled in and extra users added to some of them (an overlay).
     *
     * @param extraUsers by vessel number (1 is the first vessel), the keys to add after the template's users
     * @throws InvalidInputException listing every missing or unknown placeholder, extra users for a vessel the
     *         template does not have, and every user key a vessel would list twice
     */
    public VesselInfo fill(String source, Map<String, SeattlePublicKey> keys,
                           Map<Integer, List<SeattlePublicKey>> extraUsers) throws InvalidInputException {
        List<InputProblem> problems = new ArrayList<>();
        VesselInfo filled = fill(keys, extraUsers,
                (rule, detail) -> problems.add(InputProblem.whole(source, rule, detail)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Cannot fill the vessel template " + this.source, problems);
        }
        return filled;
    }

    /**
     * The filling shared by {@link #fill(String, Map, Map)} and the donor table, which reports with its own
     * row: every problem goes to {@code problems} as a rule and a detail, and the result is then null.
     */
    VesselInfo fill(Map<String, SeattlePublicKey> keys, Map<Integer, List<SeattlePublicKey>> extraUsers,
                    BiConsumer<String, String> problems) {
        boolean complete = true;
        for (String name : placeholders) {
            if (!keys.containsKey(name)) {
                problems.accept(KEYS_RULE, "no key for {" + name + "}" + (name.equals(OPERATOR)
                        ? ": the build fills it with the operator's public key" : ""));
                complete = false;
            }
        }
        for (String name : new TreeMap<>(keys).keySet()) {
            if (!placeholders.contains(name) && !name.equals(OPERATOR)) {
                problems.accept(KEYS_RULE, "a key for {" + name + "}, which the template does not have; its"
                        + " placeholders are " + described(placeholders));
                complete = false;
            }
        }
        for (Integer vessel : new TreeMap<>(extraUsers).keySet()) {
            if (vessel < 1 || vessel > vessels.size()) {
                problems.accept(EXTRA_USERS_RULE, "extra users for vessel " + vessel + ", but the template has "
                        + vessels.size() + (vessels.size() == 1 ? " vessel" : " vessels"));
                complete = false;
            }
        }
        if (!complete) {
            return null;
        }
        List<VesselSpec> specs = new ArrayList<>(vessels.size());
        for (int index = 0; index < vessels.size(); index++) {
            VesselSlots vessel = vessels.get(index);
            List<SeattlePublicKey> users = new ArrayList<>(vessel.users().size());
            Map<SeattlePublicKey, String> from = new HashMap<>();
            for (Slot user : vessel.users()) {
                SeattlePublicKey key = user.key(keys);
                complete &= distinct(index + 1, key, user.describe(), from, problems);
                users.add(key);
            }
            List<SeattlePublicKey> extra = extraUsers.getOrDefault(index + 1, List.of());
            for (int user = 0; user < extra.size(); user++) {
                complete &= distinct(index + 1, extra.get(user), "extra user " + (user + 1), from, problems);
                users.add(extra.get(user));
            }
            specs.add(new VesselSpec(vessel.percent(), vessel.owner().key(keys), users));
        }
        if (!complete) {
            return null;
        }
        try {
            return VesselInfo.of(source, specs);
        } catch (InvalidVesselInfoException impossible) {
            throw new IllegalStateException("the template's percentages were checked when it was read", impossible);
        }
    }

    @Override
    public String toString() {
        return "VesselTemplate[" + source + ": " + percentages() + ", placeholders " + placeholders + "]";
    }

    private static boolean distinct(int vessel, SeattlePublicKey key, String what, Map<SeattlePublicKey, String> from,
                                    BiConsumer<String, String> problems) {
        String earlier = from.putIfAbsent(key, what);
        if (earlier == null) {
            return true;
        }
        problems.accept(DISTINCT_USERS_RULE, "vessel " + vessel + " would list the user " + key + " twice: as "
                + earlier + " and as " + what);
        return false;
    }

    /**
     * The line with its placeholder replaced by a key the runtime accepts, so that the runtime checks the
     * rest of the line and the template as a whole; a misplaced or misnamed placeholder is reported.
     */
    private static String withStandInKey(String source, int lineNumber, String piece, List<InputProblem> problems) {
        boolean crLf = piece.endsWith("\r");
        String line = crLf ? piece.substring(0, piece.length() - 1) : piece;
        if (!PRINTABLE.matcher(line).matches()) {
            return piece; // the runtime reports the character, with its column
        }
        String[] fields = SEPARATOR.split(SURROUNDING_BLANKS.matcher(line).replaceAll(""));
        String label = fields[0];
        String values = String.join(" ", Arrays.asList(fields).subList(1, fields.length));
        if (label.equalsIgnoreCase("Percent")) {
            problems.add(new InputProblem(source, lineNumber, FIXED_PERCENT_RULE,
                    "found '" + InputProblem.abbreviate(values) + "' after Percent"));
            return piece;
        }
        if (!label.equalsIgnoreCase("Owner") && !label.equalsIgnoreCase("User")) {
            return piece; // not a key line: the runtime reports the label
        }
        Matcher placeholder = PLACEHOLDER.matcher(values);
        if (fields.length != 2 || !placeholder.matches()) {
            problems.add(new InputProblem(source, lineNumber, PLACEHOLDER_RULE,
                    "'" + InputProblem.abbreviate(values) + "' after " + label + " is neither a key nor one placeholder"));
        } else {
            nameProblem(placeholder.group(1)).ifPresent(detail ->
                    problems.add(new InputProblem(source, lineNumber, PLACEHOLDER_RULE, detail)));
        }
        // Keeping the label as written lets the runtime report a label in the wrong case.
        return label + " " + STAND_IN_KEY + (crLf ? "\r" : "");
    }

    private static Optional<String> nameProblem(String name) {
        String shown = "'{" + InputProblem.abbreviate(name) + "}'";
        if (name.equals(DonorTable.NAME_COLUMN)) {
            return Optional.of(shown + " is reserved: 'name' is the donor table's column of donor names");
        }
        if (name.startsWith(RESERVED_PREFIX)) {
            return Optional.of(shown + " is reserved: the donor table's columns users_v1, users_v2, ..."
                    + " add users to vessels");
        }
        if (!PLACEHOLDER_NAME.matcher(name).matches()) {
            return Optional.of(shown + " does not have a placeholder name");
        }
        return Optional.empty();
    }

    /** The vessels of a text the runtime has accepted with stand-in keys: every line is a label and its values. */
    private static List<VesselSlots> slots(String[] pieces, int lineCount) {
        List<VesselDraft> drafts = new ArrayList<>();
        for (int index = 0; index < lineCount; index++) {
            String[] fields = SEPARATOR.split(pieces[index].strip());
            List<String> values = Arrays.asList(fields).subList(1, fields.length);
            switch (fields[0]) {
                case "Percent" -> drafts.add(new VesselDraft(new BigInteger(values.get(0)).intValueExact()));
                case "Owner" -> drafts.get(drafts.size() - 1).owner = slot(index + 1, values);
                case "User" -> drafts.get(drafts.size() - 1).users.add(slot(index + 1, values));
                default -> throw new IllegalStateException("the runtime accepted the label '" + fields[0] + "'");
            }
        }
        return drafts.stream().map(draft -> new VesselSlots(draft.percent, draft.owner, List.copyOf(draft.users))).toList();
    }

    private static Slot slot(int lineNumber, List<String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(values.get(0));
        if (values.size() == 1 && placeholder.matches()) {
            return new Slot(placeholder.group(1), null, lineNumber);
        }
        try {
            return new Slot(null, SeattlePublicKey.parse(String.join(" ", values)), lineNumber);
        } catch (KeyFormatException impossible) {
            throw new IllegalStateException("the runtime accepted the key on line " + lineNumber, impossible);
        }
    }

    /** A placeholder repeated among one vessel's users, or a literal user key given twice, is a mistake in any case. */
    private static void checkDistinctUsers(String source, List<VesselSlots> vessels, List<InputProblem> problems) {
        for (int index = 0; index < vessels.size(); index++) {
            Map<Object, Slot> seen = new HashMap<>();
            for (Slot user : vessels.get(index).users()) {
                Object identity = user.placeholder().<Object>map(name -> "{" + name + "}").orElse(user.literal());
                Slot earlier = seen.putIfAbsent(identity, user);
                if (earlier != null) {
                    problems.add(new InputProblem(source, user.line(), DISTINCT_USERS_RULE, "vessel " + (index + 1)
                            + " already has " + user.describeKey() + " as a user, on line " + earlier.line()));
                }
            }
        }
    }

    private static String described(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names.stream().map(name -> "{" + name + "}").toList());
    }

    private static VesselTemplate readResource(String resource) {
        try (InputStream in = VesselTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + resource + " is missing from the builder's jar");
            }
            return parse("the clearinghouse default template", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidVesselInfoException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Where a key goes: a placeholder (by name) or a literal key; and the line it was given on. */
    private record Slot(String name, SeattlePublicKey literal, int line) {
        Optional<String> placeholder() {
            return Optional.ofNullable(name);
        }

        SeattlePublicKey key(Map<String, SeattlePublicKey> keys) {
            return name == null ? literal : keys.get(name);
        }

        /** Where the key comes from, for a message about the filled-in vessels. */
        String describe() {
            return name == null ? "the template's key on line " + line : "{" + name + "}";
        }

        /** The placeholder, or the literal key as logs show keys (size and fingerprint). */
        String describeKey() {
            return name == null ? "the key " + literal : "{" + name + "}";
        }
    }

    /** A vessel of the template. */
    private record VesselSlots(int percent, Slot owner, List<Slot> users) {
    }

    /** A vessel while the template's lines are read. */
    private static final class VesselDraft {
        final int percent;
        final List<Slot> users = new ArrayList<>();
        Slot owner;

        VesselDraft(int percent) {
            this.percent = percent;
        }
    }
}
