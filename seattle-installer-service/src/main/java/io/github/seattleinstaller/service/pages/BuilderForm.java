package io.github.seattleinstaller.service.pages;

import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.clearinghouse.BuildRequest;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcFault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The builder page's form as the user filled it in: user rows (a name, and a public key uploaded as a file or a
 * key pair the service generates) and vessel columns (a percentage of the 80% split, an owner and users, each
 * chosen by user row). Reading keeps everything entered, including a key file uploaded by an earlier submission:
 * a browser never fills a file input again, so the page carries the key on in hidden fields as Seattle key text,
 * and a refused or extended form comes back as it was sent.
 *
 * <p>Field names: {@code user<i>.name}, {@code user<i>.key} ({@code generate} or {@code upload}),
 * {@code user<i>.file} (the file input), {@code user<i>.carried} and {@code user<i>.carriedName} (a key uploaded
 * before); {@code vessel<j>.percent}, {@code vessel<j>.owner} (a user row number), {@code vessel<j>.user} (row
 * numbers, any number of them). Rows and columns are numbered from 1.
 *
 * <p>{@link #check()} applies the API's rules with the API's messages (the same checks {@link BuildRequest#parse}
 * makes, one field at a time, so that every problem is reported at once next to its field) and the form's own
 * (a row's number must name a filled row; every user is in a vessel), then makes the request with
 * {@link BuildRequest#parse} from the same lists and maps an XML-RPC call carries.
 */
public record BuilderForm(List<UserRow> users, List<VesselColumn> vessels) {
    public static final int MAX_USERS = 20;
    public static final int MAX_VESSELS = 8;
    /** The percentages a vessel can have: whole tenths of the donation up to the 80% split. */
    public static final List<Integer> PERCENTAGES = List.of(10, 20, 30, 40, 50, 60, 70, 80);
    /** Public key files are a few hundred bytes (Seattle text or PEM); anything much larger is no key. */
    public static final int MAX_KEY_FILE_BYTES = 64 * 1024;
    /** The form's whole body, for the reader's limits. */
    public static final int MAX_FIELDS = 64 + MAX_USERS * 8 + MAX_VESSELS * (3 + MAX_USERS);

    private static final Pattern USER_FIELD = Pattern.compile("user([0-9]{1,4})\\..*");
    private static final Pattern VESSEL_FIELD = Pattern.compile("vessel([0-9]{1,4})\\..*");
    private static final int LONGEST_FILE_NAME = 100;

    /** Where a user's key comes from. */
    public enum KeySource {
        GENERATE("generate"), UPLOAD("upload");

        private final String formValue;

        KeySource(String formValue) {
            this.formValue = formValue;
        }

        public String formValue() {
            return formValue;
        }
    }

    /** A public key uploaded as a file (now or by an earlier submission of the form). */
    public record GivenKey(String fileName, SeattlePublicKey key) {
        public String fingerprint() {
            return key.fingerprint().toString();
        }

        public String text() {
            return key.toText();
        }
    }

    /** One user row as entered: the name (stripped of surrounding spaces), where the key comes from, a key given. */
    public record UserRow(String name, KeySource source, Optional<GivenKey> key) {
        /** A row with no name and no key is left out, as an unused line of the form. */
        public boolean isBlank() {
            return name.isEmpty() && key.isEmpty();
        }

        public boolean generates() {
            return source == KeySource.GENERATE;
        }
    }

    /**
     * One vessel column as entered, values as sent: the percentage, the owner's row number and the users' row
     * numbers (text, since a hand-made request may send anything).
     */
    public record VesselColumn(String percent, String owner, List<String> users) {
        public VesselColumn {
            users = List.copyOf(users);
        }
    }

    /** A form read from a request: what was entered, and what was wrong with the key files sent. */
    public record Read(BuilderForm form, FieldErrors errors) {
        /**
         * Checks the form ({@link BuilderForm#check()}) and puts every problem, those of reading among them, in the
         * order of the fields on the page; a key file that could not be read is not reported missing as well.
         */
        public Checked check() {
            Checked checked = form.check();
            List<String> fields = new ArrayList<>(List.of(FieldErrors.FORM, USERS));
            for (int row = 1; row <= form.users().size(); row++) {
                fields.addAll(List.of(nameField(row), fileField(row)));
            }
            for (int column = 1; column <= form.vessels().size(); column++) {
                fields.addAll(List.of(percentField(column), ownerField(column), usersField(column)));
            }
            fields.add(VESSELS);
            for (FieldErrors.FieldError error : errors.all()) {
                if (!fields.contains(error.field())) {
                    fields.add(error.field());
                }
            }
            FieldErrors ordered = new FieldErrors();
            for (String field : fields) {
                errors.of(field).forEach(message -> ordered.add(field, message));
                // A key file that could not be read is not reported missing as well.
                boolean readFailed = field.startsWith("user") && field.endsWith(".file") && errors.has(field);
                if (!readFailed) {
                    checked.errors().of(field).forEach(message -> ordered.add(field, message));
                }
            }
            return new Checked(ordered.isEmpty() ? checked.request() : Optional.empty(), ordered);
        }
    }

    /** A checked form: the API's request when nothing is wrong, else every problem found. */
    public record Checked(Optional<BuildRequest> request, FieldErrors errors) {
    }

    public BuilderForm {
        users = List.copyOf(users);
        vessels = List.copyOf(vessels);
    }

    /** The empty form: one user row, owning one vessel of 80%. */
    public static BuilderForm initial() {
        return new BuilderForm(List.of(blankUser()), List.of(new VesselColumn("80", "1", List.of())));
    }

    public static String nameField(int row) {
        return "user" + row + ".name";
    }

    public static String keyField(int row) {
        return "user" + row + ".key";
    }

    public static String fileField(int row) {
        return "user" + row + ".file";
    }

    public static String carriedField(int row) {
        return "user" + row + ".carried";
    }

    public static String carriedNameField(int row) {
        return "user" + row + ".carriedName";
    }

    public static String percentField(int column) {
        return "vessel" + column + ".percent";
    }

    public static String ownerField(int column) {
        return "vessel" + column + ".owner";
    }

    public static String usersField(int column) {
        return "vessel" + column + ".user";
    }

    /** The key of problems that concern the vessels together (their number, their total). */
    public static final String VESSELS = "vessels";
    /** The key of problems that concern the user rows together (their number). */
    public static final String USERS = "users";

    /** Reads the form from the submitted fields; key files are read with the core's text reader, never as paths. */
    public static Read read(FormInput input) {
        FieldErrors errors = new FieldErrors();
        int userRows = highestIndex(input, USER_FIELD);
        int vesselColumns = highestIndex(input, VESSEL_FIELD);
        if (userRows > MAX_USERS) {
            errors.add(USERS, "Users: at most " + MAX_USERS + " users can be named in one build; " + userRows
                    + " rows were sent.");
            userRows = MAX_USERS;
        }
        if (vesselColumns > MAX_VESSELS) {
            errors.add(VESSELS, "Vessels: the 80% split has at most " + MAX_VESSELS + " vessels (one per 10%); "
                    + vesselColumns + " were sent.");
            vesselColumns = MAX_VESSELS;
        }
        List<UserRow> users = new ArrayList<>();
        for (int row = 1; row <= userRows; row++) {
            users.add(readUser(input, row, errors));
        }
        List<VesselColumn> vessels = new ArrayList<>();
        for (int column = 1; column <= vesselColumns; column++) {
            vessels.add(new VesselColumn(input.value(percentField(column)).strip(),
                    input.value(ownerField(column)).strip(),
                    input.values(usersField(column)).stream().map(String::strip).toList()));
        }
        if (users.isEmpty()) {
            users.add(blankUser());
        }
        return new Read(new BuilderForm(users, vessels), errors);
    }

    private static UserRow readUser(FormInput input, int row, FieldErrors errors) {
        String name = input.value(nameField(row)).strip();
        Optional<GivenKey> key = Optional.empty();
        String carried = input.value(carriedField(row));
        if (!carried.isBlank()) {
            String fileName = shortFileName(input.value(carriedNameField(row)));
            try {
                key = Optional.of(new GivenKey(fileName, PublicKeyReader.readText(carried, "User " + row + "'s key")));
            } catch (InvalidInputException e) {
                errors.add(fileField(row), describe(e));
            }
        }
        Optional<FormInput.Upload> upload = input.file(fileField(row));
        if (upload.isPresent()) {
            String fileName = shortFileName(upload.get().fileName());
            String source = "User " + row + "'s key file '" + fileName + "'";
            byte[] content = upload.get().content();
            if (content.length > MAX_KEY_FILE_BYTES) {
                errors.add(fileField(row), source + ": it has " + content.length + " bytes, more than the "
                        + MAX_KEY_FILE_BYTES + " a public key file can have (" + PublicKeyReader.TEXT_RULE + ")");
            } else {
                try {
                    key = Optional.of(new GivenKey(fileName, PublicKeyReader.readText(upload.get().text(), source)));
                } catch (InvalidInputException e) {
                    errors.add(fileField(row), describe(e));
                }
            }
        }
        String choice = input.value(keyField(row));
        KeySource keySource;
        if (upload.isPresent() || choice.equals(KeySource.UPLOAD.formValue())) {
            // Choosing a file is choosing to upload, whether or not the radio button was moved.
            keySource = KeySource.UPLOAD;
        } else if (choice.equals(KeySource.GENERATE.formValue())) {
            keySource = KeySource.GENERATE;
        } else {
            keySource = key.isPresent() ? KeySource.UPLOAD : KeySource.GENERATE;
        }
        return new UserRow(name, keySource, key);
    }

    /** Applies the API's rules and the form's; every problem at once, each at its field. */
    public Checked check() {
        FieldErrors errors = new FieldErrors();
        Map<Integer, String> named = new LinkedHashMap<>();
        Set<Integer> filled = new LinkedHashSet<>();
        Map<String, Integer> rowsByName = new HashMap<>();
        for (int row = 1; row <= users.size(); row++) {
            UserRow user = users.get(row - 1);
            if (user.isBlank()) {
                continue;
            }
            filled.add(row);
            String label = "User " + row;
            try {
                BuildRequest.username(user.name());
                Integer earlier = rowsByName.putIfAbsent(user.name(), row);
                if (earlier != null) {
                    errors.add(nameField(row), label + "'s name: user " + earlier + " is already named "
                            + user.name() + "; each user is one row.");
                } else {
                    named.put(row, user.name());
                }
            } catch (XmlRpcFault fault) {
                errors.add(nameField(row), label + "'s name: " + fault.message());
            }
            if (user.source() == KeySource.UPLOAD && user.key().isEmpty()) {
                errors.add(fileField(row), label + "'s public key: choose a key file (Seattle key text 'e n' or"
                        + " PEM), or choose to have a key pair generated.");
            }
        }
        Set<Integer> inAVessel = new LinkedHashSet<>();
        boolean percentagesValid = true;
        int total = 0;
        for (int column = 1; column <= vessels.size(); column++) {
            VesselColumn vessel = vessels.get(column - 1);
            String label = "Vessel " + column;
            try {
                total += BuildRequest.percentage(parseWhole(vessel.percent()));
            } catch (XmlRpcFault fault) {
                percentagesValid = false;
                errors.add(percentField(column), label + "'s percentage: " + fault.message());
            }
            if (vessel.owner().isEmpty()) {
                errors.add(ownerField(column), label + "'s owner: All vessels must have a specified owner.");
            } else {
                Optional<Integer> owner = rowOf(vessel.owner(), filled);
                if (owner.isPresent()) {
                    inAVessel.add(owner.get());
                } else {
                    errors.add(ownerField(column), label + "'s owner: " + rowProblem(vessel.owner()));
                }
            }
            for (String user : vessel.users()) {
                Optional<Integer> row = rowOf(user, filled);
                if (row.isPresent()) {
                    inAVessel.add(row.get());
                } else {
                    errors.add(usersField(column), label + "'s users: " + rowProblem(user));
                }
            }
        }
        if (vessels.isEmpty() || percentagesValid && total != BuildRequest.USER_TOTAL) {
            errors.add(VESSELS, "Vessels: Vessel resources must total " + BuildRequest.USER_TOTAL
                    + "% exactly. Current vessels total " + total + "%.");
        }
        for (int row : named.keySet()) {
            if (!inAVessel.contains(row)) {
                errors.add(nameField(row), "User " + row + "'s name: " + named.get(row) + " is in no vessel: make"
                        + " them the owner or a user of one, or clear the row.");
            }
        }
        if (!errors.isEmpty()) {
            return new Checked(Optional.empty(), errors);
        }
        try {
            return new Checked(Optional.of(BuildRequest.parse(vesselList(named), userData(named))), errors);
        } catch (XmlRpcFault fault) {
            // Every rule was checked field by field above; the API's own check is the last word all the same.
            errors.add(FieldErrors.FORM, fault.message());
            return new Checked(Optional.empty(), errors);
        }
    }

    /** The {@code vessel_list} argument of {@code build_installers}, as an XML-RPC call carries it. */
    private List<Object> vesselList(Map<Integer, String> named) {
        List<Object> list = new ArrayList<>();
        for (VesselColumn vessel : vessels) {
            Map<String, Object> struct = new LinkedHashMap<>();
            struct.put("percentage", Integer.parseInt(vessel.percent()));
            struct.put("owner", named.get(Integer.parseInt(vessel.owner())));
            struct.put("users", vessel.users().stream().map(user -> (Object) named.get(Integer.parseInt(user)))
                    .distinct().toList());
            list.add(struct);
        }
        return list;
    }

    /** The {@code user_data} argument: the users whose key was given. */
    private Map<String, Object> userData(Map<Integer, String> named) {
        Map<String, Object> data = new LinkedHashMap<>();
        named.forEach((row, name) -> {
            UserRow user = users.get(row - 1);
            if (user.source() == KeySource.UPLOAD) {
                data.put(name, Map.of("public_key", user.key().orElseThrow().key().toText()));
            }
        });
        return data;
    }

    /** The form with one more (blank) user row, if there is room. */
    public BuilderForm withUser() {
        if (users.size() >= MAX_USERS) {
            return this;
        }
        List<UserRow> more = new ArrayList<>(users);
        more.add(blankUser());
        return new BuilderForm(more, vessels);
    }

    /** The form with one more vessel, if there is room: the share the others leave, at least 10%. */
    public BuilderForm withVessel() {
        if (vessels.size() >= MAX_VESSELS) {
            return this;
        }
        int used = 0;
        for (VesselColumn vessel : vessels) {
            try {
                used += Integer.parseInt(vessel.percent());
            } catch (NumberFormatException unreadable) {
                // An unreadable percentage takes nothing.
            }
        }
        int left = BuildRequest.USER_TOTAL - used;
        int percent = PERCENTAGES.contains(left) ? left : PERCENTAGES.get(0);
        List<VesselColumn> more = new ArrayList<>(vessels);
        more.add(new VesselColumn(String.valueOf(percent), "", List.of()));
        return new BuilderForm(users, more);
    }

    /** The form without vessel {@code column} (1-based); unchanged if there is no such column. */
    public BuilderForm withoutVessel(int column) {
        if (column < 1 || column > vessels.size()) {
            return this;
        }
        List<VesselColumn> fewer = new ArrayList<>(vessels);
        fewer.remove(column - 1);
        return new BuilderForm(users, fewer);
    }

    /** The sum of the readable percentages, for the page's running total. */
    public int total() {
        int total = 0;
        for (VesselColumn vessel : vessels) {
            try {
                total += Integer.parseInt(vessel.percent());
            } catch (NumberFormatException unreadable) {
                // Not counted; the field's own error says why.
            }
        }
        return total;
    }

    private static UserRow blankUser() {
        return new UserRow("", KeySource.GENERATE, Optional.empty());
    }

    private static int highestIndex(FormInput input, Pattern pattern) {
        int highest = 0;
        for (String name : input.names()) {
            Matcher matcher = pattern.matcher(name);
            if (matcher.matches()) {
                highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
            }
        }
        return highest;
    }

    /** A percentage as the API receives it: an int, or text that the API's type check refuses. */
    private static Object parseWhole(String text) {
        if (text.matches("-?[0-9]{1,9}")) {
            return Integer.parseInt(text);
        }
        return text;
    }

    /**
     * The filled row a vessel names, if it names one. A row whose name breaks a rule counts: that rule is reported
     * at the name, once.
     */
    private static Optional<Integer> rowOf(String value, Set<Integer> filled) {
        if (!value.matches("[0-9]{1,4}")) {
            return Optional.empty();
        }
        int row = Integer.parseInt(value);
        return filled.contains(row) ? Optional.of(row) : Optional.empty();
    }

    private String rowProblem(String value) {
        if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > users.size()) {
            return "there is no user row '" + InputProblem.abbreviate(value) + "'.";
        }
        return "user " + Integer.parseInt(value) + " is an empty row: give it a name, or choose another user.";
    }

    private static String describe(InvalidInputException e) {
        return e.problems().get(0).describe();
    }

    /** The last segment of an uploaded file's name (old browsers send a whole path), cut to a readable length. */
    private static String shortFileName(String name) {
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        if (last.isEmpty()) {
            return "key";
        }
        return last.length() <= LONGEST_FILE_NAME ? last : last.substring(0, LONGEST_FILE_NAME) + "...";
    }
}
