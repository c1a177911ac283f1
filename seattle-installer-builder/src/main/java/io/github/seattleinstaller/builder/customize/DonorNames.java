package io.github.seattleinstaller.builder.customize;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The donor names seen so far, for the rule that names are unique ignoring case ({@link DonorName#UNIQUE_RULE}). */
public final class DonorNames {
    private final Map<String, DonorName> seen = new HashMap<>();

    /**
     * Records the name, unless an earlier one differs from it only in case (or not at all).
     *
     * @return the earlier name it repeats, if any; then nothing is recorded
     */
    public Optional<DonorName> addOrRepeated(DonorName name) {
        return Optional.ofNullable(seen.putIfAbsent(name.folded(), name));
    }

    public int size() {
        return seen.size();
    }
}
