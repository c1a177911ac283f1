package io.github.seattleinstaller.service.notices;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The ways a job's end is announced. */
public enum NoticeKind {
    WEBHOOK, EMAIL;

    /** {@code webhook}, {@code email}: in task ids and the log. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NoticeKind> ofLabel(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label().equals(label)).findFirst();
    }
}
