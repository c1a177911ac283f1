package io.github.seattleinstaller.builder;

import java.nio.file.Path;

/**
 * What a caller calls a value it put in a request, so that the core's problems name it as the caller's
 * user knows it: a Maven goal passes its parameter ({@code "<offcutFile>"}), a web form its field. Each
 * request has a plain description for every value whose caller gives no label ("offcut file"). A problem's
 * source is the label, followed by the file's path when the value is a file or lies in a directory.
 */
public final class InputLabel {
    private InputLabel() {
    }

    /** The source of a problem about a file given as, or found in, the labelled value: "{@code <offcutFile> /x/a.offcut}". */
    public static String of(String label, Path file) {
        return label + " " + file;
    }
}
