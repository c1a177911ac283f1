package io.github.seattleinstaller.builder.layout;

import io.github.seattleinstaller.runtime.cli.ExitCode;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 finding 3: {@code --expect-key} is checked by code inside the archive, which no installer can
 * change; the donor README must say where trust starts (the archive, checked before extracting) and what
 * the option is worth.
 */
class DonorReadmeTest {
    private static final KeyFingerprint KEY = new KeyFingerprint("3a".repeat(32));

    private static String readme() {
        return new String(DonorReadme.text(KEY), StandardCharsets.UTF_8);
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
}
