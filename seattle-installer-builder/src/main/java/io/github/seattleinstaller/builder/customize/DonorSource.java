package io.github.seattleinstaller.builder.customize;

import java.util.List;
import java.util.stream.Stream;

/**
 * The donors of a customization, already checked: their names (unique ignoring case) are known up front,
 * and their splits are handed out one at a time, so that a customization of ten thousand donors read from
 * files holds no more than a few of them at once. Made by {@link CustomizeRequest.Builder#donor} for donors
 * given in memory, or by the donor-file readers ({@code builder.donors.CheckedDonors}).
 */
public interface DonorSource {
    /** How many donors there are. */
    int size();

    /** Every donor's name, in order. */
    List<DonorName> names();

    /**
     * The donors, in the order of {@link #names()}. The stream may hold files open: close it.
     *
     * @throws java.io.UncheckedIOException if the donors cannot be read again as they were checked
     */
    Stream<CustomizeRequest.Donor> donors();
}
