package io.github.seattleinstaller.service.jobs;

import io.github.seattleinstaller.service.clearinghouse.ClearinghousePlatform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a job donor's installer for one platform is, on the bases it was built with: its size and SHA-256 (the
 * manifest's columns), computed from the base's digest and the build's suffix without reading the base again.
 */
public record InstallerSummary(ClearinghousePlatform platform, long size, String sha256Hex) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public InstallerSummary {
        Objects.requireNonNull(platform, "platform");
        if (size <= 0 || !SHA256.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("an installer has a positive size and a SHA-256 of 64 hex digits");
        }
    }

    /** {@code linux 123 ab...;mac 456 cd...}: how a step keeps its installers. */
    public static String format(List<InstallerSummary> installers) {
        StringBuilder text = new StringBuilder();
        for (InstallerSummary installer : installers) {
            text.append(text.length() == 0 ? "" : ";").append(installer.platform().apiName()).append(' ')
                    .append(installer.size()).append(' ').append(installer.sha256Hex());
        }
        return text.toString();
    }

    /** Reads {@link #format}'s text. */
    public static List<InstallerSummary> parse(String text) {
        List<InstallerSummary> installers = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return installers;
        }
        for (String item : text.strip().split(";")) {
            String[] fields = item.split(" ");
            if (fields.length != 3) {
                throw new IllegalStateException("a step's installers are 'platform size sha256', not '" + item + "'");
            }
            ClearinghousePlatform platform = ClearinghousePlatform.ofApiName(fields[0])
                    .orElseThrow(() -> new IllegalStateException("unknown platform '" + fields[0] + "' in a step"));
            installers.add(new InstallerSummary(platform, Long.parseLong(fields[1]), fields[2]));
        }
        return installers;
    }
}
