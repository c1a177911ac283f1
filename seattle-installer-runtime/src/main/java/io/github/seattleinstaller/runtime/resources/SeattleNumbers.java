package io.github.seattleinstaller.runtime.resources;


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
    /** Python 2.7's {@code str(float)} switches to exponent form at 1e11, where C's {@code %.12g} waits for 1e12. */
    private static final int PYTHON27_EXPONENT_FROM = 11;
    private static final MathContext TWELVE_DIGITS = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);

    private SeattleNumbers() {
    }

    /** The value as it appears in a resource file: cpu as a float, the others as integers. */
    public static String format(Resource resource, double value) {
        return resource.isFractional() ? pythonStr(value) : integer(value);
    }

    /**
     * Python 2.7 {@code str(float)}, the last Python Seattle ran on: 12 significant digits as {@link #g12},
     * but in exponent form from 1e11 on ({@code 1.23456789012e+11}, one digit earlier than C), plus ".0" when
     * the text looks like an integer, so that {@code 1.0} reads back as a float ("1.0", "50000000.0",
     * "1e+16").
     *
     * <p>One corner of Python 2.7 is not reproduced: for values of 1e12 and more lying exactly halfway
     * between two 12-digit decimals it keeps trailing zeros ({@code 1.00000000000e+12}). No cpu figure comes
     * near, and both texts read back as the same float.
     */
    public static String pythonStr(double value) {
        String text = format(value, PYTHON27_EXPONENT_FROM);
        boolean looksLikeInteger = text.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'));
        return looksLikeInteger ? text + ".0" : text;
    }

    /**
     * C's {@code printf("%.12g")}: the exact binary value rounded to 12 significant digits, trailing zeros
     * removed, in fixed notation when the decimal exponent X of the rounded value satisfies -4 &lt;= X &lt; 12
     * and otherwise in scientific notation with a signed exponent of at least two digits ({@code 1.5e-05}).
     */
    public static String g12(double value) {
        return format(value, SIGNIFICANT_DIGITS);
    }

    /** 12 significant digits, in exponent form when the decimal exponent is below -4 or at least {@code exponentFrom}. */
    private static String format(double value, int exponentFrom) {
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
        if (exponent >= -4 && exponent < exponentFrom) {
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
