package io.github.seattleinstaller.maven;

import java.util.List;

/**
 * One vessel of a donor: its share of the donation (10, 20, ..., 100 percent of the share the donor donates,
 * which the donor chooses with {@code install.sh --percent}, default 10; a donor's vessels sum to exactly
 * 100), its owner and its users. A key is Seattle key text {@code "e n"}, a PEM public key, or the path of a
 * file holding either. In a vesselinfo file each vessel is a {@code Percent} line, one {@code Owner} line and
 * any {@code User} lines.
 */
public class Vessel {
    /** The vessel's share of the donation in percent: 10, 20, ..., 100. */
    Integer percent;

    /** The owner's public key (Seattle text, PEM, or a key file). */
    String owner;

    /** The users' public keys (Seattle text, PEM, or key files). */
    List<String> users;
}
