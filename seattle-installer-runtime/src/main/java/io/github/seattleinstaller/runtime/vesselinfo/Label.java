package io.github.seattleinstaller.runtime.vesselinfo;

import java.util.Optional;

/** The labels that start the lines of a {@code vesselinfo}. */
enum Label {
    PERCENT("Percent"),
    OWNER("Owner"),
    USER("User");

    private final String text;

    Label(String text) {
        this.text = text;
    }

    /** The label as written in the file; case-sensitive. */
    String text() {
        return text;
    }

    static Optional<Label> exactly(String field) {
        for (Label label : values()) {
            if (label.text.equals(field)) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }

    /** The label a field meant when it differs only in case, for the message that corrects it. */
    static Optional<Label> ignoringCase(String field) {
        for (Label label : values()) {
            if (label.text.equalsIgnoreCase(field)) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }
}
