package io.github.seattleinstaller.runtime.donation;

import io.github.seattleinstaller.runtime.testing.Python;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.resources.Offcut;
import io.github.seattleinstaller.runtime.resources.Resource;
import io.github.seattleinstaller.runtime.resources.ResourceAmounts;
import io.github.seattleinstaller.runtime.resources.SeattleNumbers;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DonationCalculatorTest {
    private static final ResourceAmounts OFFCUT = Offcut.defaults();

    /**
     * Reference section 5 written independently in Python, the language of the original. Input: one JSON
     * case per line (amounts as IEEE bit patterns, so nothing is lost in decimal). Output per case: the
     * shortages, or the bit patterns and Python 2 text of every figure and the ports of every vessel.
     */
    private static final String PYTHON_REFERENCE = String.join("\n",
            "import json, struct, sys",
            "def num(bits): return struct.unpack('<d', struct.pack('<Q', int(bits)))[0]",
            "def bits(x): return str(struct.unpack('<Q', struct.pack('<d', float(x)))[0])",
            "def py2str(x):",
            "    g = '%.12g' % x",
            "    return g if any(c in g for c in '.e') or 'inf' in g or 'nan' in g else g + '.0'",
            "for line in sys.stdin.read().splitlines():",
            "    case = json.loads(line)",
            "    names = case['names']",
            "    maximum = dict(zip(names, map(num, case['maxima'])))",
            "    offcut = dict(zip(names, map(num, case['offcut'])))",
            "    percents = case['vessels']",
            "    p = num(case['percent']) / 100.0",
            "    donated = {}",
            "    for r in names:",
            "        if r == 'cpu': donated[r] = maximum[r] * p",
            "        elif r == 'events': donated[r] = 500",
            "        else: donated[r] = int(maximum[r] * p)",
            "    for vessel in percents:",
            "        for r in names: donated[r] -= offcut[r]",
            "    short = [r for r in names if donated[r] < 0]",
            "    if short:",
            "        print('insufficient ' + ' '.join(short))",
            "        continue",
            "    ten = dict((r, donated[r] * 0.1 if r == 'cpu' else int(donated[r] * 0.1)) for r in names)",
            "    print('donated ' + ' '.join(bits(donated[r]) for r in names))",
            "    print('tenth ' + ' '.join(bits(ten[r]) for r in names))",
            "    k = 0",
            "    for i, percent in enumerate(percents):",
            "        res = dict(ten)",
            "        for extra in range(percent // 10 - 1):",
            "            for r in names: res[r] += ten[r]",
            "        ports = []",
            "        for tenth in range(percent // 10):",
            "            ports.extend(range(63100 + 10 * k, 63100 + 10 * k + 10))",
            "            k += 1",
            "        print('v%d ' % (i + 1) + ' '.join(bits(res[r]) for r in names))",
            "        print('v%d ' % (i + 1) + ' '.join(r + '=' + (py2str(res[r]) if r == 'cpu' else str(res[r]))"
                    + " for r in names))",
            "        print('v%d ports ' % (i + 1) + ','.join(map(str, ports)))",
            "    print('end')");

    static SeattlePublicKey key(int seed) {
        return new SeattlePublicKey(BigInteger.valueOf(65537), BigInteger.TWO.pow(1023).add(BigInteger.valueOf(seed)));
    }

    static VesselInfo vessels(int... percents) {
        try {
            return VesselInfo.of("test vessels", IntStream.range(0, percents.length)
                    .mapToObj(index -> new VesselSpec(percents[index], key(2 * index), List.of(key(2 * index + 1))))
                    .toList());
        } catch (InvalidVesselInfoException e) {
            throw new AssertionError(e);
        }
    }

    private static String format(ResourceAmounts amounts, Resource resource) {
        return SeattleNumbers.format(resource, amounts.get(resource));
    }

    private static List<Integer> portRange(int first, int last) {
        return IntStream.rangeClosed(first, last).boxed().toList();
    }

    @Test
    void workedExampleOfTheReference() throws InsufficientResourcesException {
        InstallPlan plan = DonationCalculator.plan(ResourceAmounts.defaults(), 10, OFFCUT, vessels(80, 20));

        assertEquals("0.096", format(plan.donated(), Resource.CPU));
        assertEquals("49000000", format(plan.donated(), Resource.MEMORY));
        assertEquals("496", format(plan.donated(), Resource.EVENTS));
        assertEquals("0.0096", format(plan.tenth(), Resource.CPU));
        assertEquals("4900000", format(plan.tenth(), Resource.MEMORY));
        assertEquals("49", format(plan.tenth(), Resource.EVENTS));

        VesselPlan big = plan.vessels().get(0);
        assertEquals("v1", big.name());
        assertEquals(80, big.spec().percent());
        assertEquals("0.0768", format(big.resources(), Resource.CPU));
        assertEquals("39200000", format(big.resources(), Resource.MEMORY));
        assertEquals("392", format(big.resources(), Resource.EVENTS));
        assertEquals(portRange(63100, 63179), big.ports());

        VesselPlan small = plan.vessels().get(1);
        assertEquals("v2", small.name());
        assertEquals("0.0192", format(small.resources(), Resource.CPU));
        assertEquals("98", format(small.resources(), Resource.EVENTS));
        assertEquals("9800000", format(small.resources(), Resource.MEMORY));
        assertEquals(portRange(63180, 63199), small.ports());

        assertEquals(10.0, plan.donatedPercent());
        assertEquals(ResourceAmounts.defaults(), plan.maxima());
    }

    @Test
    void repeatedAdditionIsKeptBecauseMultiplicationRoundsDifferently() throws InsufficientResourcesException {
        InstallPlan plan = DonationCalculator.plan(ResourceAmounts.defaults(), 10, OFFCUT, vessels(80, 20));
        double tenth = plan.tenth().get(Resource.CPU);
        double eightTimes = plan.vessels().get(0).resources().get(Resource.CPU);
        assertEquals(tenth + tenth + tenth + tenth + tenth + tenth + tenth + tenth, eightTimes);
        assertTrue(eightTimes != tenth * 8, "this example must tell the two apart");
    }

    /**
     * A 2-CPU, 8 GiB machine donating 25% to four vessels, by hand: memory 8589934592 * 0.25 = 2147483648,
     * minus 4 offcuts of 1000000 = 2143483648, a tenth is trunc(214348364.8) = 214348364, so the vessels get
     * 4, 3, 2 and 1 tenths; cpu 0.5 minus 4 * 0.002 = 0.492, a tenth 0.0492; events 500 - 8 = 492.
     */
    @Test
    void twoCpuMachineDonatingAQuarterToFourVessels() throws InsufficientResourcesException {
        ResourceAmounts maxima = ResourceAmounts.defaults().with(Resource.CPU, 2).with(Resource.MEMORY, 8L << 30);
        InstallPlan plan = DonationCalculator.plan(maxima, 25, OFFCUT, vessels(40, 30, 20, 10));

        assertEquals("0.492", format(plan.donated(), Resource.CPU));
        assertEquals("2143483648", format(plan.donated(), Resource.MEMORY));
        assertEquals("214348364", format(plan.tenth(), Resource.MEMORY));
        assertEquals(List.of("0.1968", "0.1476", "0.0984", "0.0492"), plan.vessels().stream()
                .map(vessel -> format(vessel.resources(), Resource.CPU)).toList());
        assertEquals(List.of("857393456", "643045092", "428696728", "214348364"), plan.vessels().stream()
                .map(vessel -> format(vessel.resources(), Resource.MEMORY)).toList());
        assertEquals(List.of("196", "147", "98", "49"), plan.vessels().stream()
                .map(vessel -> format(vessel.resources(), Resource.EVENTS)).toList());
        assertEquals(portRange(63100, 63139), plan.vessels().get(0).ports());
        assertEquals(portRange(63140, 63169), plan.vessels().get(1).ports());
        assertEquals(portRange(63170, 63189), plan.vessels().get(2).ports());
        assertEquals(portRange(63190, 63199), plan.vessels().get(3).ports());
    }

    @Test
    void agreesWithThePythonReferenceOnEveryFigure() throws IOException {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(ResourceAmounts.defaults(), 10, OFFCUT, new int[] {80, 20}));
        cases.add(new Case(ResourceAmounts.defaults().with(Resource.CPU, 2).with(Resource.MEMORY, 8L << 30),
                25, OFFCUT, new int[] {40, 30, 20, 10}));
        cases.add(new Case(ResourceAmounts.defaults(), 100, OFFCUT, new int[] {100}));
        cases.add(new Case(ResourceAmounts.defaults(), 10, OFFCUT, new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}));
        Random random = new Random(42);
        for (int i = 0; i < 400; i++) {
            cases.add(randomCase(random));
        }

        String input = cases.stream().map(Case::toJson).collect(Collectors.joining("\n"));
        String python = Python.python3().run(PYTHON_REFERENCE, input);
        String java = cases.stream().map(DonationCalculatorTest::describe).collect(Collectors.joining());
        assertEquals(python, java);
        assertTrue(java.contains("insufficient"), "the random cases must include insufficient donations");
        assertTrue(java.split("\nend\n", -1).length > 100, "most random cases must make vessels");
        assertTrue(java.contains("v10 "), "the random cases must include ten vessels");
    }

    private static Case randomCase(Random random) {
        ResourceAmounts maxima = ResourceAmounts.defaults();
        for (Resource resource : Resource.values()) {
            double magnitude = resource.defaultMaximum() * Math.pow(10, random.nextDouble() * 4 - 2);
            double value = resource.isFractional() ? Math.round(magnitude * 8) / 8.0 + random.nextInt(2) * 0.1
                    : Math.floor(magnitude);
            maxima = maxima.with(resource, value);
        }
        double percent = switch (random.nextInt(3)) {
            case 0 -> 1 + random.nextInt(100);
            case 1 -> random.nextInt(1000) / 10.0 + 0.1;
            default -> random.nextDouble() * 100 + Double.MIN_NORMAL;
        };
        List<Integer> tenths = new ArrayList<>();
        int left = 10;
        while (left > 0) {
            int take = 1 + random.nextInt(left);
            tenths.add(take * 10);
            left -= take;
        }
        return new Case(maxima, Math.min(percent, 100), OFFCUT, tenths.stream().mapToInt(Integer::intValue).toArray());
    }

    private record Case(ResourceAmounts maxima, double percent, ResourceAmounts offcut, int[] vessels) {
        String toJson() {
            return "{\"names\": [" + Arrays.stream(Resource.values()).map(r -> "\"" + r.seattleName() + "\"")
                    .collect(Collectors.joining(", ")) + "], \"maxima\": " + bits(maxima) + ", \"offcut\": "
                    + bits(offcut) + ", \"percent\": \"" + bits(percent) + "\", \"vessels\": "
                    + Arrays.toString(vessels) + "}";
        }
    }

    /** The same lines as the Python reference prints. */
    private static String describe(Case c) {
        StringBuilder text = new StringBuilder();
        try {
            InstallPlan plan = DonationCalculator.plan(c.maxima(), c.percent(), c.offcut(), vessels(c.vessels()));
            text.append("donated ").append(bitsList(plan.donated())).append('\n');
            text.append("tenth ").append(bitsList(plan.tenth())).append('\n');
            for (VesselPlan vessel : plan.vessels()) {
                text.append(vessel.name()).append(' ').append(bitsList(vessel.resources())).append('\n');
                text.append(vessel.name()).append(' ').append(Arrays.stream(Resource.values())
                        .map(r -> r.seattleName() + "=" + format(vessel.resources(), r))
                        .collect(Collectors.joining(" "))).append('\n');
                text.append(vessel.name()).append(" ports ").append(vessel.ports().stream().map(String::valueOf)
                        .collect(Collectors.joining(","))).append('\n');
            }
            text.append("end\n");
        } catch (InsufficientResourcesException e) {
            text.append("insufficient ").append(e.shortages().stream().map(s -> s.resource().seattleName())
                    .collect(Collectors.joining(" "))).append('\n');
        }
        return text.toString();
    }

    private static String bits(double value) {
        return Long.toUnsignedString(Double.doubleToRawLongBits(value));
    }

    private static String bits(ResourceAmounts amounts) {
        return Arrays.stream(Resource.values()).map(r -> "\"" + bits(amounts.get(r)) + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String bitsList(ResourceAmounts amounts) {
        return Arrays.stream(Resource.values()).map(r -> bits(amounts.get(r))).collect(Collectors.joining(" "));
    }

    @Test
    void refusesWhenTheDonationDoesNotCoverTheOffcutAndSaysWhy() {
        ResourceAmounts maxima = ResourceAmounts.defaults().with(Resource.MEMORY, 20_000_000);
        InsufficientResourcesException e = assertThrows(InsufficientResourcesException.class,
                () -> DonationCalculator.plan(maxima, 10, OFFCUT, vessels(40, 30, 30)));
        assertEquals("Not enough memory to make 3 vessels: 10% donates 2000000 bytes of RAM,"
                + " the vessels' offcut needs 3000000", e.getMessage());
        assertEquals(3, e.vesselCount());
        assertEquals(10.0, e.donatedPercent());
        assertEquals(List.of(new InsufficientResourcesException.Shortage(Resource.MEMORY, 2_000_000, 3_000_000)),
                e.shortages());
    }

    @Test
    void namesEveryResourceThatRunsShort() {
        ResourceAmounts maxima = ResourceAmounts.defaults().with(Resource.CPU, 0.02)
                .with(Resource.MEMORY, 15_000_000).with(Resource.DISKUSED, 1_500_000);
        InsufficientResourcesException e = assertThrows(InsufficientResourcesException.class,
                () -> DonationCalculator.plan(maxima, 12.5, OFFCUT, vessels(50, 50)));
        assertEquals("Not enough cpu, memory and diskused to make 2 vessels:"
                + " 12.5% donates 0.0025 CPUs, the vessels' offcut needs 0.004;"
                + " 12.5% donates 1875000 bytes of RAM, the vessels' offcut needs 2000000;"
                + " 12.5% donates 187500 bytes of disk, the vessels' offcut needs 200000", e.getMessage());
        assertEquals(List.of(Resource.CPU, Resource.MEMORY, Resource.DISKUSED),
                e.shortages().stream().map(InsufficientResourcesException.Shortage::resource).toList());
    }

    @Test
    void allowsADonationThatExactlyCoversTheOffcut() throws InsufficientResourcesException {
        ResourceAmounts maxima = ResourceAmounts.defaults().with(Resource.MEMORY, 20_000_000);
        InstallPlan plan = DonationCalculator.plan(maxima, 10, OFFCUT, vessels(50, 50));
        assertEquals(0.0, plan.donated().get(Resource.MEMORY));
        for (VesselPlan vessel : plan.vessels()) {
            assertEquals("0", format(vessel.resources(), Resource.MEMORY));
        }
    }

    @Test
    void saysVesselInTheSingularForOneVessel() {
        ResourceAmounts maxima = ResourceAmounts.defaults().with(Resource.FILESOPENED, 5);
        InsufficientResourcesException e = assertThrows(InsufficientResourcesException.class,
                () -> DonationCalculator.plan(maxima, 10, OFFCUT, vessels(100)));
        assertEquals("Not enough filesopened to make 1 vessel: 10% donates 0 open files,"
                + " the vessel's offcut needs 1", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 500, 1e9})
    void donatesFiveHundredEventsWhateverTheMachineHas(double events) throws InsufficientResourcesException {
        ResourceAmounts maxima = ResourceAmounts.defaults().with(Resource.EVENTS, events);
        InstallPlan plan = DonationCalculator.plan(maxima, 10, OFFCUT, vessels(80, 20));
        assertEquals("496", format(plan.donated(), Resource.EVENTS));
        assertEquals("392", format(plan.vessels().get(0).resources(), Resource.EVENTS));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -10, 100.000001, 1000, Double.NaN, Double.NEGATIVE_INFINITY})
    void refusesAPercentageOutsideZeroToHundred(double percent) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DonationCalculator.plan(ResourceAmounts.defaults(), percent, OFFCUT, vessels(100)));
        assertTrue(e.getMessage().contains("more than 0 and at most 100"), e.getMessage());
    }

    @Test
    void acceptsTheWholeMachineAndSmallFractions() {
        assertDoesNotThrow(() -> DonationCalculator.plan(ResourceAmounts.defaults(), 100, OFFCUT, vessels(100)));
        ResourceAmounts big = ResourceAmounts.defaults().with(Resource.CPU, 64).with(Resource.MEMORY, 1e12)
                .with(Resource.DISKUSED, 1e13).with(Resource.FILESOPENED, 1e6);
        InstallPlan plan = assertDoesNotThrow(() -> DonationCalculator.plan(big, 0.5, OFFCUT, vessels(100)));
        // 64 * 0.005 = 0.32, minus one offcut of 0.002, cut in ten tenths and added up again.
        assertEquals("0.318", format(plan.vessels().get(0).resources(), Resource.CPU));
    }

    @Test
    void refusesImpossibleMaximaAndFractionalOffcuts() {
        assertThrows(IllegalArgumentException.class, () -> DonationCalculator.plan(
                ResourceAmounts.defaults().with(Resource.MEMORY, Double.POSITIVE_INFINITY), 10, OFFCUT, vessels(100)));
        assertThrows(IllegalArgumentException.class, () -> DonationCalculator.plan(
                ResourceAmounts.defaults().with(Resource.MEMORY, -1), 10, OFFCUT, vessels(100)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DonationCalculator.plan(
                ResourceAmounts.defaults(), 10, OFFCUT.with(Resource.EVENTS, 1.5), vessels(100)));
        assertEquals("The offcut of events must be a whole number, not 1.5", e.getMessage());
    }

    @Test
    void truncatesTowardZeroLikePythonInt() {
        assertEquals(2.0, DonationCalculator.truncate(2.999));
        assertEquals(-2.0, DonationCalculator.truncate(-2.999));
        assertEquals(0.0, DonationCalculator.truncate(0.5));
        assertEquals(1e300, DonationCalculator.truncate(1e300));
        assertEquals(36980000.0, DonationCalculator.truncate(369800000 * 0.1));
    }
}
