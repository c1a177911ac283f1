package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The maximum of one resource and how it was obtained, for the installer to print and log.
 *
 * @param resource the resource
 * @param value    the maximum used (always positive and finite)
 * @param source   where the value comes from
 * @param how      what was measured or read, or why the default was used
 */
public record ResourceFigure(Resource resource, double value, Source source, String how) {

    /** Where a maximum comes from. */
    public enum Source {
        /** Measured on this machine. */
        MEASURED("measured"),
        /** Set by rule, never measured (events, lograte). */
        FIXED("fixed"),
        /** The measurement or the maxima file failed; the resource's default maximum is used. */
        DEFAULT_FALLBACK("default"),
        /** Read from a maxima file instead of measuring. */
        FROM_FILE("from file");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** The word used in log lines: "measured", "fixed", "default", "from file". */
        public String label() {
            return label;
        }
    }

    /** "memory: 16384000000 bytes of RAM (measured: total RAM (OSHI))". */
    public String describe() {
        return resource.seattleName() + ": " + formatValue(value) + " " + resource.unit()
                + " (" + source.label() + ": " + how + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * A value as a person reads it: whole numbers without exponent or ".0" ({@code 16384000000}),
     * fractions in plain decimal ({@code 1.5}).
     */
    static String formatValue(double value) {
        if (!Double.isFinite(value) || Math.abs(value) >= 1e18) {
            return Double.toString(value);
        }
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
