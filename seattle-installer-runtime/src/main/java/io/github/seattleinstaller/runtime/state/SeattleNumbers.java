package io.github.seattleinstaller.runtime.state;

import io.github.seattleinstaller.runtime.resources.Resource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers written the way Seattle's Python 2 node manager expects to read them (reference section 6):
 * cpu as Python 2 {@code str(float)}, every other resource as a plain integer.
 */
public final class SeattleNumbers {
    /** Python 2's {@code str(float)} used {@code %.12g}: 12 significant digits. */
    private static final int SIGNIFICANT_DIGITS = 12;
    /** glibc and Python both round the exact binary value to nearest, ties to even. */
    private static final MathContext TWELVE_DIGITS = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);

    private SeattleNumbers() {
    }

    /** The value as it appears in a resource file: cpu as a float, the others as integers. */
    public static String format(Resource resource, double value) {
        return resource.isFractional() ? pythonStr(value) : integer(value);
    }

    /**
     * Python 2 {@code str(float)}: {@link #g12} plus ".0" when that looks like an integer, so that
     * {@code 1.0} reads back as a float ("1.0", "50000000.0", but "1e+16").
     *
     * <p>This is Python 2.6's definition (C's {@code %.12g}). Python 2.7 differs in two corners no cpu
     * figure reaches: from 1e11 on it switches to exponent form one digit earlier
     * ({@code 1.23456789012e+11}), and on an exact halfway value it keeps trailing zeros
     * ({@code 1.00000000000e+12}). Either text reads back as the same float.
     */
    public static String pythonStr(double value) {
        String text = g12(value);
        boolean looksLikeInteger = text.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'));
        return looksLikeInteger ? text + ".0" : text;
    }

    /**
     * C's {@code printf("%.12g")}: the exact binary value rounded to 12 significant digits, trailing zeros
     * removed, in fixed notation when the decimal exponent X of the rounded value satisfies -4 &lt;= X &lt; 12
     * and otherwise in scientific notation with a signed exponent of at least two digits ({@code 1.5e-05}).
     */
    public static String g12(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) == 0 ? "0" : "-0";
        }
        // new BigDecimal(double) is the exact binary value, so this is the one correct rounding.
        BigDecimal rounded = new BigDecimal(value).round(TWELVE_DIGITS).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < SIGNIFICANT_DIGITS) {
            return rounded.toPlainString();
        }
        String digits = rounded.unscaledValue().abs().toString();
        StringBuilder text = new StringBuilder();
        if (rounded.signum() < 0) {
            text.append('-');
        }
        text.append(digits.charAt(0));
        if (digits.length() > 1) {
            text.append('.').append(digits, 1, digits.length());
        }
        text.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            text.append('0');
        }
        return text.append(magnitude).toString();
    }

    /**
     * A whole number as a plain integer ("392", never "392.0" or "3.92E2"). The donation arithmetic
     * truncates every resource but cpu, so a fraction here is a bug, not an input error.
     */
    public static String integer(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value != Math.rint(value)) {
            throw new IllegalArgumentException("not a whole number: " + value);
        }
        return new BigDecimal(value).toBigIntegerExact().toString();
    }
}
