package io.github.seattleinstaller.maven;

/**
 * The {@code <operator>} of base-installers: who builds the installers, as the donor README names them.
 * Every part is optional.
 */
public class Operator {
    /** The operator's name, one line: "University of Example Seattle testbed". */
    String name;

    /** How donors reach the operator, one line: an e-mail address, a web page. */
    String contact;

    /** The http(s) address where the operator publishes the operator key's fingerprint. */
    String fingerprintUrl;
}
