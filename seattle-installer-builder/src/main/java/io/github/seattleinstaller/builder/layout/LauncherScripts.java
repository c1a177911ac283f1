package io.github.seattleinstaller.builder.layout;

import io.github.seattleinstaller.runtime.filelist.SignedFileList;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The launchers donors run: {@code install.sh} (POSIX sh, LF) and {@code install.cmd} (Windows batch,
 * CRLF). Each finds Java 17 or newer ({@code JAVA_HOME} first, then the PATH), exits with 9 and says how
 * to get Java if there is none, and otherwise runs {@code java -jar lib/<runtime jar> --installer-dir
 * <its own folder>} with the donor's arguments.
 */
public final class LauncherScripts {
    /** The launchers' exit code when no suitable Java is found, beside the runtime's own codes. */
    public static final int NO_SUITABLE_JAVA_EXIT_CODE = 9;

    private LauncherScripts() {
    }

    public static byte[] installSh(String runtimeJarFileName) {
        return render("install.sh.template", runtimeJarFileName).getBytes(StandardCharsets.US_ASCII);
    }

    /** Batch files need CRLF: cmd.exe misreads labels and blocks in LF-only files. */
    public static byte[] installCmd(String runtimeJarFileName) {
        return render("install.cmd.template", runtimeJarFileName).replace("\n", "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String render(String template, String runtimeJarFileName) {
        // The name lands unquoted inside quoted shell and batch strings: only file-list-safe names may.
        String problem = SignedFileList.pathProblem(runtimeJarFileName);
        if (problem != null || runtimeJarFileName.contains("/")) {
            throw new IllegalArgumentException("'" + runtimeJarFileName + "' cannot be named in a launcher: "
                    + (problem != null ? problem : "not a bare file name"));
        }
        return Templates.render(template, Map.of("@RUNTIME_JAR@", runtimeJarFileName));
    }
}
