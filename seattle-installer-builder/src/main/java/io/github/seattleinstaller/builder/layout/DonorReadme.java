package io.github.seattleinstaller.builder.layout;

import io.github.seattleinstaller.builder.Platform;
import io.github.seattleinstaller.builder.archive.ArchiveFormat;
import io.github.seattleinstaller.runtime.keys.KeyFingerprint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The donor's {@code README.txt}: what the installer is, who made it (the operator's name, contact and
 * the address where the key's fingerprint is published, when the operator gave them), how to run it on
 * each system, its options and exit codes, the Java it needs, where it writes the node's state, how to
 * check the download on each system, and the operator key fingerprint to compare with the published one.
 * Its lines end with CR LF in a zip (the Windows installer, where Notepad before Windows 10 showed LF text
 * as one line) and with LF in a tar.gz.
 */
public final class DonorReadme {
    private DonorReadme() {
    }

    public static byte[] text(KeyFingerprint operatorKey, OperatorContact operator, Platform platform) {
        String text = Templates.render("README.txt.template", Map.of(
                "@KEY_FINGERPRINT@", operatorKey.toString(),
                "@OPERATOR@", operatorSection(operator),
                "@PUBLISHED_AT@", operator.fingerprintUrl().map(url -> "your operator's page " + url)
                        .orElse("your operator's own site")));
        if (platform.format() == ArchiveFormat.ZIP) {
            text = text.replace("\n", "\r\n");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String operatorSection(OperatorContact operator) {
        if (operator.isEmpty()) {
            return "The operator who built this installer did not name themselves in it. Ask whoever gave you the\n"
                    + "download who they are and where they publish their key's fingerprint (see below).";
        }
        List<String> lines = new ArrayList<>();
        operator.name().ifPresent(name -> lines.add("Operator:  " + name));
        operator.contact().ifPresent(contact -> lines.add("Contact:   " + contact));
        lines.add(operator.fingerprintUrl()
                .map(url -> "The operator publishes the fingerprint of their key (see below) at\n    " + url)
                .orElse("Ask the operator where they publish the fingerprint of their key (see below)."));
        return String.join("\n", lines);
    }
}
