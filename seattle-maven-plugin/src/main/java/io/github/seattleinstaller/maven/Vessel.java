package io.github.seattleinstaller.maven;

import java.util.List;

/**
 * One vessel of a donor: its share of the donation (10, 20, ..., 100 percent; a donor's vessels sum to 100),
 * its owner and its users. A key is Seattle key text {@code "e n"}, a PEM public key, or the path of a file
 * holding either.
 */
public class Vessel {
    /** The vessel's share of the donation in percent: 10, 20, ..., 100. */
    Integer percent;

    /** The owner's public key (Seattle text, PEM, or a key file). */
    String owner;

    /** The users' public keys (Seattle text, PEM, or key files). */
    List<String> users;
}
