package io.github.seattleinstaller.maven;

import java.io.File;
import java.util.List;

/**
 * One donor of {@code <donors>}: a name (used in file names and classifiers) and the split of the donated
 * share, either as {@code <vessels>} or as an existing {@code <vesselInfoFile>}.
 */
public class Donor {
    /** The donor's name: letters, digits, '.', '_' and '-', starting with a letter or digit. */
    String name;

    /** The vessels of this donor's installers, in order (v1, v2, ...). */
    List<Vessel> vessels;

    /** A vesselinfo file to use as it is, instead of {@code <vessels>}. */
    File vesselInfoFile;

    @Override
    public String toString() {
        return "donor " + name;
    }
}
