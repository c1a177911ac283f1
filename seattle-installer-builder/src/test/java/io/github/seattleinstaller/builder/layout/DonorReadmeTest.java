package io.github.seattleinstaller.builder.layout;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.runtime.cli.ExitCode;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 finding 3: {@code --expect-key} is checked by code inside the archive, which no installer can
 * change; the donor README must say where trust starts (the archive, checked before extracting) and what
 * the option is worth. Issue 8: it names the operator, their contact and where the fingerprint is
 * published, gives each system's checksum command, and has CR LF line endings in the Windows zip.
 */
class DonorReadmeTest {
    private static final KeyFingerprint KEY = new KeyFingerprint("3a".repeat(32));
    private static final OperatorContact EXAMPLE_LAB = contact("Example Lab Seattle testbed", "seattle-ops@example.org",
            "https://example.org/seattle/fingerprint");

    private static String readme(OperatorContact operator, Platform platform) {
        return new String(DonorReadme.text(KEY, operator, platform), StandardCharsets.UTF_8);
    }

    private static String readme() {
        return readme(OperatorContact.NONE, Platform.LINUX);
    }

    private static OperatorContact contact(String name, String contact, String url) {
        try {
            return OperatorContact.of(name, contact, url, part -> "<operator> <" + part + ">");
        } catch (InvalidInputException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void itTellsDonorsToCheckTheArchiveBeforeExtractingAndWhatExpectKeyIsWorth() {
        String text = readme();
        for (String expected : List.of("check the downloaded archive against the operator's published key",
                "openssl dgst -sha256 -verify operator.pub.pem -signature <archive>.sig <archive>",
                "from your operator's own site (not from the download)",
                "That is a second check of an installer you already trust",
                "openssl dgst -sha256 -verify operator.pub.pem -signature vesselinfo.sig vesselinfo",
                KEY.toString())) {
            assertTrue(text.contains(expected), "README lacks '" + expected + "':\n" + text);
        }
    }

    @Test
    void itListsEveryExitCodeTheInstallerHas() {
        String text = readme().replace("\n", " ");
        for (ExitCode code : ExitCode.values()) {
            assertTrue(text.matches("(?s).*[ ,]" + code.code() + " [a-z].*"), "README lacks exit code " + code);
        }
        assertTrue(text.contains(ExitCode.NO_SUITABLE_JAVA + " no suitable Java"), text);
        assertTrue(text.contains("over 1 MiB") && text.contains("installed-by") && text.contains(".seattle_repy.lock"),
                text);
    }

    @Test
    void itGivesTheChecksumCommandOfEachSystem() {
        String text = readme();
        for (String expected : List.of("sha256sum <archive>", "shasum -a 256 <archive>",
                "certutil -hashfile <archive> SHA256", "-outform DER | sha256sum", "shasum -a 256)")) {
            assertTrue(text.contains(expected), "README lacks '" + expected + "':\n" + text);
        }
    }

    @Test
    void itNamesTheOperatorTheirContactAndWhereTheFingerprintIsPublished() {
        String text = readme(EXAMPLE_LAB, Platform.MACOS);
        for (String expected : List.of("Who made this installer\n-----------------------\n"
                        + "Operator:  Example Lab Seattle testbed\nContact:   seattle-ops@example.org\n"
                        + "The operator publishes the fingerprint of their key (see below) at\n"
                        + "    https://example.org/seattle/fingerprint\n",
                "taken from your operator's page https://example.org/seattle/fingerprint (not from the download)")) {
            assertTrue(text.contains(expected), "README lacks '" + expected + "':\n" + text);
        }
        assertFalse(text.contains("did not name themselves"), text);
    }

    @Test
    void withoutOperatorDetailsOrWithSomeItStillSaysWhatToDo() {
        assertTrue(readme().contains("Who made this installer\n-----------------------\nThe operator who built this"
                + " installer did not name themselves in it. Ask whoever gave you the\ndownload who they are and where"
                + " they publish their key's fingerprint (see below).\n\nWhat you need"), readme());
        String nameOnly = readme(contact("Example Lab", null, " "), Platform.LINUX);
        assertTrue(nameOnly.contains("Operator:  Example Lab\nAsk the operator where they publish the fingerprint of"
                + " their key (see below).\n\nWhat you need"), nameOnly);
        assertFalse(nameOnly.contains("Contact:"), nameOnly);
        assertTrue(nameOnly.contains("from your operator's own site"), nameOnly);
    }

    @Test
    void theWindowsReadmeHasCrLfLineEndingsAndTheOthersLf() {
        String windows = readme(EXAMPLE_LAB, Platform.WINDOWS);
        long lines = windows.chars().filter(c -> c == '\n').count();
        assertTrue(lines > 50, windows);
        assertEquals(lines, windows.split("\r\n", -1).length - 1, "every line ends with CR LF");
        assertEquals(readme(EXAMPLE_LAB, Platform.LINUX), windows.replace("\r\n", "\n"));
        assertFalse(readme(EXAMPLE_LAB, Platform.LINUX).contains("\r"));
        assertFalse(readme(EXAMPLE_LAB, Platform.MACOS).contains("\r"));
    }

    @Test
    void operatorDetailsAreOneLineEachAndTheAddressIsAnHttpUrl() {
        InvalidInputException invalid = assertThrows(InvalidInputException.class, () -> OperatorContact.of(
                "Example\nLab", "x".repeat(201), "ftp://example.org/fp", part -> "<operator> <" + part + ">"));
        assertEquals(List.of("<operator> <name>: it spans several lines (rule: " + OperatorContact.TEXT_RULE + ")",
                "<operator> <contact>: it has 201 characters (rule: " + OperatorContact.TEXT_RULE + ")",
                "<operator> <fingerprintUrl>: 'ftp://example.org/fp' is not an http:// or https:// URL (rule: "
                        + OperatorContact.URL_RULE + ")"),
                invalid.problems().stream().map(problem -> problem.describe()).toList());
        for (String url : List.of("https://exa mple.org/", "https:///fingerprint", "example.org/fingerprint",
                "https://example.org/\u00e9")) {
            assertThrows(InvalidInputException.class, () -> OperatorContact.of(null, null, url, part -> part), url);
        }
        assertEquals(Optional.of("Universit\u00e4t Beispiel"), contact(" Universit\u00e4t Beispiel ", "", null).name());
        assertTrue(contact(null, null, null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new OperatorContact(Optional.of("a\tb"), Optional.empty(),
                Optional.empty()));
    }
}
