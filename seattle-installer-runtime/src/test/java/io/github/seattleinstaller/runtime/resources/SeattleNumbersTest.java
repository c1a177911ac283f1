package io.github.seattleinstaller.runtime.resources;

import io.github.seattleinstaller.runtime.testing.Python;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SeattleNumbersTest {

    /**
     * C's {@code %.12g}, and Python 2.7 {@code str(float)} written with Python 3: {@code '%.12g'}, in exponent
     * form from an exponent of 11 on, plus ".0" when it looks like an int.
     */
    private static final String PYTHON3_STR = String.join("\n",
            "import math, struct, sys",
            "for line in sys.stdin.read().split():",
            "    x = struct.unpack('<d', struct.pack('<Q', int(line)))[0]",
            "    g = '%.12g' % x",
            "    s = g",
            "    if math.isfinite(x) and x != 0 and int(('%.11e' % x).split('e')[1]) >= 11:",
            "        mantissa, exponent = ('%.11e' % x).split('e')",
            "        s = mantissa.rstrip('0').rstrip('.') + 'e' + exponent",
            "    s = s if any(c in s for c in '.e') or 'inf' in s or 'nan' in s else s + '.0'",
            "    print(g + ' ' + s)");

    /**
     * The real thing, when a Python 2 is installed, except in the one corner we do not reproduce (see
     * {@link #python27AgreesWithUs}).
     */
    private static final String PYTHON2_STR = String.join("\n",
            "import struct, sys",
            "for line in sys.stdin.read().split():",
            "    x = struct.unpack('<d', struct.pack('<Q', int(line)))[0]",
            "    sys.stdout.write(str(x) + '\\n')");

    @ParameterizedTest
    @CsvSource({
            "0.0192, 0.0192",
            "0.0768, 0.0768",
            "0.096, 0.096",
            "0.0096, 0.0096",
            "1.0, 1.0",
            "50000000.0, 50000000.0",
            "1.2e12, 1.2e+12",
            "0.00001, 1e-05",
            "0.000015, 1.5e-05",
            "0.0001, 0.0001",
            "123456789012.0, 1.23456789012e+11",
            "99999999999.0, 99999999999.0",
            "1e11, 1e+11",
            "1234567890123.0, 1.23456789012e+12",
            "1e16, 1e+16",
            "1e100, 1e+100",
            "-2.5, -2.5",
            "0.0, 0.0",
            "-0.0, -0.0",
            "0.30000000000000004, 0.3",
            "999999999999.5, 1e+12",
            "1000000000005.0, 1e+12",
            "1000000000015.0, 1.00000000002e+12",
            "Infinity, inf",
            "-Infinity, -inf",
            "NaN, nan"})
    void writesFloatsAsPython2StrDid(double value, String expected) {
        assertEquals(expected, SeattleNumbers.pythonStr(value));
    }

    @Test
    void g12LeavesIntegralValuesWithoutAPoint() {
        assertEquals("10", SeattleNumbers.g12(10.0));
        assertEquals("12.5", SeattleNumbers.g12(12.5));
        assertEquals("1e+16", SeattleNumbers.g12(1e16));
    }

    @ParameterizedTest
    @CsvSource({
            "392.0, 392",
            "0.0, 0",
            "-0.0, 0",
            "3700000000.0, 3700000000",
            "-17.0, -17",
            "1e20, 100000000000000000000",
            "9007199254740993.0, 9007199254740992"})
    void writesCountsAsPlainIntegers(double value, String expected) {
        assertEquals(expected, SeattleNumbers.integer(value));
    }

    @Test
    void refusesToWriteAFractionOrNonNumberAsAnInteger() {
        assertThrows(IllegalArgumentException.class, () -> SeattleNumbers.integer(392.5));
        assertThrows(IllegalArgumentException.class, () -> SeattleNumbers.integer(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SeattleNumbers.integer(Double.POSITIVE_INFINITY));
    }

    @Test
    void formatsCpuAsAFloatAndEveryOtherResourceAsAnInteger() {
        assertEquals("1.0", SeattleNumbers.format(Resource.CPU, 1.0));
        assertEquals("0.0768", SeattleNumbers.format(Resource.CPU, 0.0096 + 0.0096 + 0.0096 + 0.0096
                + 0.0096 + 0.0096 + 0.0096 + 0.0096));
        for (Resource resource : Resource.values()) {
            if (!resource.isFractional()) {
                assertEquals("392", SeattleNumbers.format(resource, 392.0), resource.seattleName());
            }
        }
    }

    @Test
    void agreesWithPythonOnThousandsOfDoubles() throws IOException {
        List<Double> values = sampleValues();
        String output = Python.python3().run(PYTHON3_STR, bitsOf(values));
        List<String> lines = output.lines().toList();
        assertEquals(values.size(), lines.size());
        List<String> mismatches = new ArrayList<>();
        for (int index = 0; index < values.size(); index++) {
            double value = values.get(index);
            String[] expected = lines.get(index).split(" ");
            String actual = SeattleNumbers.g12(value) + " " + SeattleNumbers.pythonStr(value);
            if (!actual.equals(expected[0] + " " + expected[1])) {
                mismatches.add(Double.toHexString(value) + ": python " + lines.get(index) + ", java " + actual);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void agreesWithPython2StrWhenPython2IsInstalled() throws IOException {
        Optional<Python> python2 = Python.python2();
        Assumptions.assumeTrue(python2.isPresent(), "no Python 2 on this machine");
        List<Double> values = sampleValues().stream().filter(SeattleNumbersTest::python27AgreesWithUs).toList();
        List<String> lines = python2.get().run(PYTHON2_STR, bitsOf(values)).lines().toList();
        assertEquals(values.size(), lines.size());
        List<String> mismatches = new ArrayList<>();
        for (int index = 0; index < values.size(); index++) {
            String actual = SeattleNumbers.pythonStr(values.get(index));
            if (!actual.equals(lines.get(index))) {
                mismatches.add(Double.toHexString(values.get(index)) + ": python2 " + lines.get(index)
                        + ", java " + actual);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    /**
     * Python 2.7's {@code str(float)} keeps trailing zeros when a value of 1e12 or more lies exactly halfway
     * between two 12-digit decimals ({@code 1.00000000000e+12} for 1000000000005.0).
     */
    private static boolean python27AgreesWithUs(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return true;
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal rounded = exact.round(new MathContext(12, RoundingMode.HALF_EVEN));
        boolean halfway = !exact.round(new MathContext(12, RoundingMode.HALF_UP))
                .equals(exact.round(new MathContext(12, RoundingMode.HALF_DOWN)));
        return rounded.abs().compareTo(new BigDecimal("1e12")) < 0 || !halfway;
    }

    /** 4097/4096 = 1.000244140625 and 4099/4096 = 1.000732421875 lie exactly halfway: ties go to even. */
    @Test
    void roundsExactHalfwayValuesToEven() {
        assertEquals("1.00024414062", SeattleNumbers.pythonStr(4097 / 4096.0));
        assertEquals("1.00073242188", SeattleNumbers.pythonStr(4099 / 4096.0));
        assertEquals(true, python27AgreesWithUs(4097 / 4096.0));
        assertEquals(false, python27AgreesWithUs(1000000000005.0));
        assertEquals(true, python27AgreesWithUs(0.0768));
    }

    /** Edge cases, then seeded random doubles of every kind: any bit pattern, cpu-like figures, big counts. */
    private static List<Double> sampleValues() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.1, 0.0192, 0.0768, 1e-4,
                9.99999999999e-5, 1e-5, 1e12, 999999999999.0, 999999999999.4, 999999999999.5, 1e12 - 0.25,
                1000000000005.0, 1000000000015.0, 1000000000025.0, 4097 / 4096.0, 4099 / 4096.0, 2.5e-5, 0.5, 123456789012.5,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e22, 1e23, 5e-324, 1e308,
                0.1 + 0.2, 1.0 / 3, 2.0 / 3, 100.0, 1e15, 1e16, 1e17, 12345678901234567890.0));
        Random random = new Random(20260501L);
        for (int i = 0; i < 3000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
        }
        for (int i = 0; i < 3000; i++) {
            values.add(random.nextDouble());
        }
        for (int i = 0; i < 2000; i++) {
            // The sums of tenths the donation produces: fractions of a few CPUs.
            double tenth = random.nextInt(64_000) / 1000.0 * random.nextInt(101) / 100.0 * 0.1;
            double sum = tenth;
            for (int added = 1 + random.nextInt(10); added > 1; added--) {
                sum += tenth;
            }
            values.add(sum);
        }
        for (int i = 0; i < 2000; i++) {
            values.add(Math.scalb(random.nextDouble(), random.nextInt(100) - 50));
        }
        for (int i = 0; i < 1000; i++) {
            // Twelve or thirteen significant digits: where rounding and the notation switch happen.
            long digits = 100_000_000_000L + (long) (random.nextDouble() * 9_900_000_000_000L);
            values.add(digits * Math.pow(10, random.nextInt(30) - 20));
        }
        return values;
    }

    private static String bitsOf(List<Double> values) {
        return values.stream().map(value -> Long.toUnsignedString(Double.doubleToRawLongBits(value)))
                .collect(Collectors.joining("\n"));
    }
}
