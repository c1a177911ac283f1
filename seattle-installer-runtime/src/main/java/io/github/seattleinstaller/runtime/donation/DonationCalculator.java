package io.github.seattleinstaller.runtime.donation;

import io.github.seattleinstaller.runtime.resources.Resource;
import io.github.seattleinstaller.runtime.resources.ResourceAmounts;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a machine's donated share into vessels exactly as Seattle did (reference section 5). The
 * operations, their order and IEEE double arithmetic are kept on purpose: repeated subtraction of the
 * offcut and repeated addition of tenths round differently from multiplication, and the node manager's
 * figures (cpu 0.0768 rather than 0.07680000000000001) must come out the same as with the original.
 */
public final class DonationCalculator {
    /** The ports of the first tenth; tenth k owns {@code FIRST_PORT + 10k} to {@code FIRST_PORT + 10k + 9}. */
    public static final int FIRST_PORT = 63100;
    /** Ports owned by each tenth of the donation. */
    public static final int PORTS_PER_TENTH = 10;
    /** Seattle gave every node manager 500 threads whatever the machine, before the offcut. */
    public static final double DONATED_EVENTS = 500;

    private static final int PERCENT_PER_TENTH = 10;

    private DonationCalculator() {
    }

    /**
     * Computes the share of every vessel.
     *
     * @param maxima         what the machine has, one finite non-negative amount per resource
     * @param donatedPercent the share of the machine donated, 0 &lt; donatedPercent &lt;= 100
     * @param offcut         the cost of one vessel (see {@code Offcut}), subtracted once per vessel
     * @param vesselInfo     the vessels; their percentages are whole tenths summing to 100, as the type proves
     * @throws InsufficientResourcesException if the donated share of any resource does not cover the offcut
     *                                        of every vessel
     * @throws IllegalArgumentException       if the donated percentage is out of range, or the amounts break
     *                                        the rules their own validators enforce
     */
    public static InstallPlan plan(ResourceAmounts maxima, double donatedPercent, ResourceAmounts offcut,
            VesselInfo vesselInfo) throws InsufficientResourcesException {
        if (!(donatedPercent > 0 && donatedPercent <= 100)) {
            throw new IllegalArgumentException("The donated percentage must be more than 0 and at most 100, not "
                    + donatedPercent);
        }
        requireValidAmounts("maximum", maxima, false);
        requireValidAmounts("offcut", offcut, true);
        List<VesselSpec> vessels = vesselInfo.vessels();

        double share = donatedPercent / 100.0;
        Map<Resource, Double> donated = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            double amount;
            if (resource.isFractional()) {
                amount = maxima.get(resource) * share;
            } else if (resource == Resource.EVENTS) {
                amount = DONATED_EVENTS;
            } else {
                amount = truncate(maxima.get(resource) * share);
            }
            donated.put(resource, amount);
        }

        List<InsufficientResourcesException.Shortage> shortages = new ArrayList<>();
        Map<Resource, Double> afterOffcut = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            double amount = donated.get(resource);
            for (int vessel = 0; vessel < vessels.size(); vessel++) {
                amount -= offcut.get(resource);
            }
            if (amount < 0) {
                shortages.add(new InsufficientResourcesException.Shortage(resource, donated.get(resource),
                        offcut.get(resource) * vessels.size()));
            }
            afterOffcut.put(resource, amount);
        }
        if (!shortages.isEmpty()) {
            throw new InsufficientResourcesException(donatedPercent, vessels.size(), shortages);
        }

        Map<Resource, Double> tenth = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            double amount = afterOffcut.get(resource) * 0.1;
            tenth.put(resource, resource.isFractional() ? amount : truncate(amount));
        }

        List<VesselPlan> plans = new ArrayList<>();
        int tenthsHandedOut = 0;
        for (int index = 0; index < vessels.size(); index++) {
            VesselSpec spec = vessels.get(index);
            int tenths = spec.percent() / PERCENT_PER_TENTH;
            Map<Resource, Double> vesselShare = new EnumMap<>(tenth);
            for (int added = 1; added < tenths; added++) {
                for (Resource resource : Resource.values()) {
                    vesselShare.put(resource, vesselShare.get(resource) + tenth.get(resource));
                }
            }
            List<Integer> ports = new ArrayList<>();
            for (int k = tenthsHandedOut; k < tenthsHandedOut + tenths; k++) {
                for (int offset = 0; offset < PORTS_PER_TENTH; offset++) {
                    ports.add(FIRST_PORT + PORTS_PER_TENTH * k + offset);
                }
            }
            tenthsHandedOut += tenths;
            plans.add(new VesselPlan("v" + (index + 1), spec, ResourceAmounts.of(vesselShare), ports));
        }
        return new InstallPlan(donatedPercent, maxima, ResourceAmounts.of(afterOffcut), ResourceAmounts.of(tenth), plans);
    }

    /** Python's {@code int(x)} on a float: toward zero, exact for every double (a cast to long is not). */
    static double truncate(double value) {
        return value < 0 ? Math.ceil(value) : Math.floor(value);
    }

    /** @param wholeCounts whether every resource but cpu must be whole, so that truncated figures stay whole */
    private static void requireValidAmounts(String what, ResourceAmounts amounts, boolean wholeCounts) {
        for (Resource resource : Resource.values()) {
            double value = amounts.get(resource);
            if (!Double.isFinite(value) || value < 0) {
                throw new IllegalArgumentException("The " + what + " of " + resource.seattleName()
                        + " must be a finite number of at least 0, not " + value);
            }
            if (wholeCounts && !resource.isFractional() && value != Math.rint(value)) {
                throw new IllegalArgumentException("The " + what + " of " + resource.seattleName()
                        + " must be a whole number, not " + value);
            }
        }
    }
}
