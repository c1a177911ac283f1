package io.github.seattleinstaller.service.pages;

import io.github.seattleinstaller.builder.keys.PublicKeyReader;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.clearinghouse.BuildRequest;
import io.github.seattleinstaller.service.clearinghouse.UserVessel;
import io.github.seattleinstaller.service.testing.TestBases;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The builder form: what it reads, the API's rules and messages at each field, and the request it makes. */
class BuilderFormTest {
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final Map<String, FormInput.Upload> files = new LinkedHashMap<>();

    private BuilderFormTest field(String name, String... values) {
        fields.computeIfAbsent(name, unused -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    private BuilderFormTest file(String name, String fileName, String content) {
        files.put(name, new FormInput.Upload(fileName, content.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    private BuilderForm.Read read() {
        return BuilderForm.read(new FormInput(fields, files));
    }

    private static FieldErrors.FieldError error(String field, String message) {
        return new FieldErrors.FieldError(field, message);
    }

    private static String keyText(String file) throws Exception {
        return Files.readString(TestBases.exampleKeys().resolve(file));
    }

    private static SeattlePublicKey key(String file) throws Exception {
        return PublicKeyReader.readFile(TestBases.exampleKeys().resolve(file), file);
    }

    @Test
    void aSplitBecomesTheApisRequestWithGivenAndGeneratedKeys() throws Exception {
        field("user1.name", " alice ").field("user1.key", "upload").file("user1.file", "alice.pub.pem", keyText("bob.pub.pem"));
        field("user2.name", "bob123").field("user2.key", "generate");
        field("user3.name", "").field("user3.key", "generate");
        field("vessel1.percent", "50").field("vessel1.owner", "1").field("vessel1.user", "2", "2");
        field("vessel2.percent", "30").field("vessel2.owner", "2");
        BuilderForm.Checked checked = read().check();
        assertTrue(checked.errors().isEmpty(), checked.errors().toString());
        BuildRequest request = checked.request().orElseThrow();
        assertEquals(List.of(new UserVessel(50, "alice", List.of("bob123")), new UserVessel(30, "bob123", List.of())),
                request.vessels(), "names stripped, a user chosen twice counted once, the blank row left out");
        assertEquals(Map.of("alice", Optional.of(key("bob.pub.pem")), "bob123", Optional.empty()), request.users(),
                "a PEM upload becomes the 'e n' key the API takes; a generated user has no key yet");
    }

    @Test
    void everyProblemIsReportedAtItsFieldWithTheApisMessage() throws Exception {
        field("user1.name", "ab");
        field("user2.name", "carol_1").field("user2.key", "upload");
        field("user3.name", "carol_1");
        field("user4.name", "_dave");
        field("user5.name", "unused");
        field("user6.name", "");
        field("vessel1.percent", "55").field("vessel1.owner", "1").field("vessel1.user", "6");
        field("vessel2.percent", "ten").field("vessel2.owner", "");
        field("vessel3.percent", "20").field("vessel3.owner", "9").field("vessel3.user", "2", "3", "4");
        assertEquals(List.of(
                error("user1.name", "User 1's name: Username must be at least 3 characters long."),
                error("user2.file", "User 2's public key: choose a key file (Seattle key text 'e n' or PEM), or choose to"
                        + " have a key pair generated."),
                error("user3.name", "User 3's name: user 2 is already named carol_1; each user is one row."),
                error("user4.name", "User 4's name: Username must start with one of these characters: 0-9a-zA-Z"),
                error("user5.name", "User 5's name: unused is in no vessel: make them the owner or a user of one, or"
                        + " clear the row."),
                error("vessel1.percent", "Vessel 1's percentage: Percentage should be a multiple of 10 from 10 to 80:"
                        + " the installer gives each vessel whole tenths of the donation."),
                error("vessel1.user", "Vessel 1's users: user 6 is an empty row: give it a name, or choose another"
                        + " user."),
                error("vessel2.percent", "Vessel 2's percentage: Percentage should be of type int or long."),
                error("vessel2.owner", "Vessel 2's owner: All vessels must have a specified owner."),
                error("vessel3.owner", "Vessel 3's owner: there is no user row '9'.")),
                read().check().errors().all(), "every problem at once, in the page's order; rows with a bad name are"
                        + " reported at the name only, and there is no total while a percentage is unreadable");
    }

    @Test
    void theTotalIsTheApisRule() {
        field("user1.name", "alice");
        field("vessel1.percent", "40").field("vessel1.owner", "1");
        field("vessel2.percent", "30").field("vessel2.owner", "1");
        BuilderForm.Checked checked = read().check();
        assertEquals(List.of("Vessels: Vessel resources must total 80% exactly. Current vessels total 70%."),
                checked.errors().of("vessels"));
        assertTrue(checked.request().isEmpty());
        fields.remove("vessel1.percent");
        fields.remove("vessel1.owner");
        fields.remove("vessel2.percent");
        fields.remove("vessel2.owner");
        assertEquals(List.of("Vessels: Vessel resources must total 80% exactly. Current vessels total 0%."),
                read().check().errors().of("vessels"), "a form without vessels");
    }

    @Test
    void aKeyFileIsReadAsTextOnlyAndABadOneIsReportedOnce() throws Exception {
        field("user1.name", "alice").field("user1.key", "generate");
        file("user1.file", "operator.pem", keyText("TEST-ONLY-operator.pem"));
        field("user2.name", "bob123").file("user2.file", "path.txt", TestBases.exampleKeys().resolve("alice.publickey").toString());
        field("vessel1.percent", "80").field("vessel1.owner", "1").field("vessel1.user", "2");
        BuilderForm.Read read = read();
        assertEquals(BuilderForm.KeySource.UPLOAD, read.form().users().get(0).source(), "choosing a file is choosing to upload");
        FieldErrors errors = read.check().errors();
        List<String> first = errors.of("user1.file");
        assertEquals(1, first.size(), "not also reported missing: " + first);
        assertTrue(first.get(0).startsWith("User 1's key file 'operator.pem': the PEM text given: it holds a private key"),
                first.get(0));
        assertTrue(first.get(0).endsWith("(rule: " + PublicKeyReader.TEXT_RULE + ")"), first.get(0));
        assertTrue(errors.of("user2.file").get(0).contains("is neither Seattle key text nor PEM"),
                "a file naming a path on the server is not followed: " + errors.of("user2.file"));
    }

    @Test
    void anUploadedKeyIsCarriedOnAndATamperedOneRefused() throws Exception {
        SeattlePublicKey alice = key("alice.publickey");
        field("user1.name", "alice").field("user1.key", "upload");
        field("user1.carried", alice.toText()).field("user1.carriedName", "C:\\keys\\alice.publickey");
        field("vessel1.percent", "80").field("vessel1.owner", "1");
        BuilderForm.Read read = read();
        BuilderForm.GivenKey given = read.form().users().get(0).key().orElseThrow();
        assertEquals(alice, given.key());
        assertEquals("alice.publickey", given.fileName(), "a path sent by an old browser is cut to the file name");
        assertEquals(Optional.of(alice), read.check().request().orElseThrow().users().get("alice"));

        fields.put("user1.carried", List.of("65537 12 34"));
        FieldErrors errors = read().check().errors();
        assertTrue(errors.of("user1.file").get(0).startsWith("User 1's key: the key text given: it holds three numbers"),
                errors.toString());
    }

    @Test
    void rowsAndVesselsAreAddedAndRemovedWithinTheLimits() {
        BuilderForm form = BuilderForm.initial();
        assertEquals(List.of(new BuilderForm.VesselColumn("80", "1", List.of())), form.vessels());
        BuilderForm more = form.withVessel();
        assertEquals("10", more.vessels().get(1).percent(), "nothing is left of the 80%: the smallest share");
        BuilderForm split = new BuilderForm(form.users(), List.of(new BuilderForm.VesselColumn("50", "1", List.of())))
                .withVessel();
        assertEquals("30", split.vessels().get(1).percent(), "what the others leave");
        assertEquals(List.of(new BuilderForm.VesselColumn("30", "", List.of())), split.withoutVessel(1).vessels());
        assertEquals(split, split.withoutVessel(3));
        BuilderForm full = form;
        for (int i = 0; i < 20; i++) {
            full = full.withVessel().withUser();
        }
        assertEquals(BuilderForm.MAX_VESSELS, full.vessels().size());
        assertEquals(BuilderForm.MAX_USERS, full.users().size());

        for (int column = 1; column <= 9; column++) {
            field("vessel" + column + ".percent", "10");
        }
        field("user25.name", "x12");
        BuilderForm.Read read = read();
        assertEquals(BuilderForm.MAX_VESSELS, read.form().vessels().size());
        assertEquals(List.of("Vessels: the 80% split has at most 8 vessels (one per 10%); 9 were sent."),
                read.errors().of("vessels"));
        assertEquals(List.of("Users: at most 20 users can be named in one build; 25 rows were sent."),
                read.errors().of("users"));
    }
}
