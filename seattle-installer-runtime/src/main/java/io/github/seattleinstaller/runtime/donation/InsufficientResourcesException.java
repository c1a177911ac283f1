package io.github.seattleinstaller.runtime.donation;

import io.github.seattleinstaller.runtime.resources.Resource;
import io.github.seattleinstaller.runtime.resources.SeattleNumbers;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The donated share does not cover the fixed cost (offcut) of every vessel for one or more resources. The
 * message names each such resource with what was donated and what the vessels need, so the donor can
 * decide to donate more or the operator to make fewer vessels.
 */
public class InsufficientResourcesException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * One resource that ran short.
     *
     * @param donated      the donated amount before the offcut was subtracted
     * @param offcutNeeded the offcut of all vessels together
     */
    public record Shortage(Resource resource, double donated, double offcutNeeded) {
    }

    private final double donatedPercent;
    private final int vesselCount;
    private final transient List<Shortage> shortages;

    public InsufficientResourcesException(double donatedPercent, int vesselCount, List<Shortage> shortages) {
        super(message(donatedPercent, vesselCount, shortages));
        this.donatedPercent = donatedPercent;
        this.vesselCount = vesselCount;
        this.shortages = List.copyOf(shortages);
    }

    public double donatedPercent() {
        return donatedPercent;
    }

    public int vesselCount() {
        return vesselCount;
    }

    /** Every resource that ran short, in resource order. */
    public List<Shortage> shortages() {
        return shortages;
    }

    /** "Not enough memory to make 3 vessels: 10% donates 2000000 bytes of RAM, the vessels' offcut needs 3000000". */
    private static String message(double percent, int vesselCount, List<Shortage> shortages) {
        if (shortages.isEmpty()) {
            throw new IllegalArgumentException("an insufficient donation needs at least one shortage");
        }
        List<String> names = shortages.stream().map(shortage -> shortage.resource().seattleName()).toList();
        String resources = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        String vessels = vesselCount == 1 ? "1 vessel" : vesselCount + " vessels";
        String offcutOwner = vesselCount == 1 ? "the vessel's offcut" : "the vessels' offcut";
        String share = SeattleNumbers.g12(percent) + "%";
        return "Not enough " + resources + " to make " + vessels + ": " + shortages.stream()
                .map(shortage -> share + " donates "
                        + SeattleNumbers.format(shortage.resource(), shortage.donated()) + " "
                        + shortage.resource().unit() + ", " + offcutOwner + " needs "
                        + SeattleNumbers.format(shortage.resource(), shortage.offcutNeeded()))
                .collect(Collectors.joining("; "));
    }
}
