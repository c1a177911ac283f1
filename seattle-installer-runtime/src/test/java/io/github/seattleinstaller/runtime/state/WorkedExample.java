package io.github.seattleinstaller.runtime.state;

import io.github.seattleinstaller.runtime.donation.DonationCalculator;
import io.github.seattleinstaller.runtime.donation.InstallPlan;
import io.github.seattleinstaller.runtime.donation.InsufficientResourcesException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.resources.Offcut;
import io.github.seattleinstaller.runtime.resources.ResourceAmounts;
import io.github.seattleinstaller.runtime.vesselinfo.InvalidVesselInfoException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;

import java.math.BigInteger;
import java.util.List;

/** The worked example of reference section 9 (defaults, 10%, vessels of 80 and 20) with fixed keys. */
final class WorkedExample {
    static final SeattlePublicKey OWNER_1 = key(65537, "170141183460469231731687303715884105727");
    static final SeattlePublicKey USER_1A = key(3, "1000000007");
    static final SeattlePublicKey USER_1B = key(17, "340282366920938463463374607431768211457");
    static final SeattlePublicKey OWNER_2 = key(65537, "99999999999999999999999999999999999999999977");

    /** A short restrictions text, so the expected files can be spelled out in full. */
    static final String RESTRICTIONS = "# Restrictions\ncall open allow\ncall sleep allow\n";

    private WorkedExample() {
    }

    static InstallPlan plan() {
        return plan(List.of(new VesselSpec(80, OWNER_1, List.of(USER_1A, USER_1B)),
                new VesselSpec(20, OWNER_2, List.of())));
    }

    /** A different state, used as the "previous install" in replace tests. */
    static InstallPlan singleVesselPlan() {
        return plan(List.of(new VesselSpec(100, OWNER_2, List.of(USER_1A))));
    }

    private static InstallPlan plan(List<VesselSpec> vessels) {
        try {
            return DonationCalculator.plan(ResourceAmounts.defaults(), 10, Offcut.defaults(),
                    VesselInfo.of("worked example", vessels));
        } catch (InsufficientResourcesException | InvalidVesselInfoException e) {
            throw new AssertionError(e);
        }
    }

    private static SeattlePublicKey key(int e, String n) {
        return new SeattlePublicKey(BigInteger.valueOf(e), new BigInteger(n));
    }
}
