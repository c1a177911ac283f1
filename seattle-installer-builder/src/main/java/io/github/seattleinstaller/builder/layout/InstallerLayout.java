package io.github.seattleinstaller.builder.layout;

import io.github.seattleinstaller.runtime.filelist.SignedFileList;

/**
 * The fixed shape of every installer: one top-level directory holding the launchers, the README, the
 * runtime and its dependencies in {@code lib/}, the installer's configuration files, the operator key and
 * the signed file list; customized installers add {@code vesselinfo} and {@code vesselinfo.sig}. Seattle once shipped tarballs with
 * two top-level directories ({@code seattle/} and {@code ./seattle/}) and donors lost {@code vesselinfo}:
 * there is exactly one here, and every archive entry lies inside it.
 */
public final class InstallerLayout {
    public static final String DEFAULT_TOP_LEVEL_DIRECTORY = "seattle";
    public static final String INSTALL_SH = "install.sh";
    public static final String INSTALL_CMD = "install.cmd";
    public static final String README = "README.txt";
    public static final String LIB_DIRECTORY = "lib";

    public static final int DIRECTORY_MODE = 0755;
    public static final int FILE_MODE = 0644;
    public static final int EXECUTABLE_MODE = 0755;

    /**
     * The longest archive entry name, directories with their trailing slash. A plain ustar header holds a
     * name of fewer than 100 bytes; longer ones need pax or GNU extension headers, which commons-compress
     * stamps with the building user's name, so they would make the archive depend on who built it.
     */
    public static final int MAX_ENTRY_NAME_LENGTH = 99;

    private InstallerLayout() {
    }

    /** Null if the name can be the installer's top-level directory, else why not. */
    public static String topLevelDirectoryProblem(String name) {
        if (name.contains("/")) {
            return "the top-level directory is a single name, not a path";
        }
        return SignedFileList.pathProblem(name);
    }

    /** The archive entry name of a file given relative to the top-level directory. */
    public static String entryName(String topLevelDirectory, String relativePath) {
        return topLevelDirectory + "/" + relativePath;
    }

    /** The archive entry name of the per-donor {@code vesselinfo}. */
    public static String vesselinfoEntryName(String topLevelDirectory) {
        return entryName(topLevelDirectory, SignedFileList.VESSELINFO_FILE_NAME);
    }

    /** The archive entry name of the operator's signature of the per-donor {@code vesselinfo}. */
    public static String vesselinfoSignatureEntryName(String topLevelDirectory) {
        return entryName(topLevelDirectory, SignedFileList.VESSELINFO_SIGNATURE_FILE_NAME);
    }
}
