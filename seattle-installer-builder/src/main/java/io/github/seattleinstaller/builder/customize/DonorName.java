package io.github.seattleinstaller.builder.customize;

import io.github.seattleinstaller.runtime.input.InputProblem;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A donor's name, valid by construction: it becomes part of file names ({@code <base>-<donor>-linux.tar.gz})
 * and Maven classifiers, so it is 1 to 64 letters, digits and {@code _ . -}, starting with a letter or digit.
 * The one place where the donor-name rules live; {@link DonorNames} applies the uniqueness rule.
 */
public record DonorName(String value) implements Comparable<DonorName> {
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    public static final String RULE =
            "a donor name is 1 to 64 letters, digits and _ . - starting with a letter or digit";
    /** Case-insensitive file systems (Windows, macOS) would hold only one of "Alice" and "alice". */
    public static final String UNIQUE_RULE = "donor names are unique, ignoring case";

    /** @throws IllegalArgumentException if {@code value} breaks {@link #RULE}; check {@link #isValid} first */
    public DonorName {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException(RULE + ", not '" + InputProblem.abbreviate(value) + "'");
        }
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    /** The name as the uniqueness rule compares it. */
    String folded() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public int compareTo(DonorName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
