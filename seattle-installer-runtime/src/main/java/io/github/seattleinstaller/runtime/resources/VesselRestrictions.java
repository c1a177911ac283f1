package io.github.seattleinstaller.runtime.resources;

/**
 * The installer's {@code vessel.restrictions}: the calls a vessel's program may make, appended verbatim to
 * every vessel's resource file. The runtime ships Seattle's default; an operator may replace it.
 */
public final class VesselRestrictions {
    /** The file name in the installer, as in Seattle. */
    public static final String FILE_NAME = "vessel.restrictions";

    private VesselRestrictions() {
    }

    /** The text of the default restrictions. */
    public static String defaultText() {
        return DefaultFiles.text(FILE_NAME);
    }
}
