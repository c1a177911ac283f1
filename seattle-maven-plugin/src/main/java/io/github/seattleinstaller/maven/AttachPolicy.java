package io.github.seattleinstaller.maven;

import org.apache.maven.plugin.MojoFailureException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code <attach>} parameter: what {@code base-installers} and {@code customize} attach to the project,
 * and so what {@code mvn install} and {@code mvn deploy} publish. Each policy attaches less than the one
 * before it; what is not attached is still written to the output directory.
 */
enum AttachPolicy {
    /** The base installers, every donor's installer, their {@code .sig} files, and the manifest. */
    ALL(true, true, true),
    /** The base installers with their {@code .sig} files, and the manifest: not the donors' installers. */
    BASES(true, false, true),
    /** Only the manifest of the donors' installers. */
    MANIFEST(false, false, true),
    /** Nothing. */
    NONE(false, false, false);

    static final String PARAMETER = "attach";

    private final boolean bases;
    private final boolean donorInstallers;
    private final boolean manifest;

    AttachPolicy(boolean bases, boolean donorInstallers, boolean manifest) {
        this.bases = bases;
        this.donorInstallers = donorInstallers;
        this.manifest = manifest;
    }

    boolean attachesBases() {
        return bases;
    }

    boolean attachesDonorInstallers() {
        return donorInstallers;
    }

    boolean attachesManifest() {
        return manifest;
    }

    /** The policy named, in any case. */
    static AttachPolicy parse(String value) throws MojoFailureException {
        String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (AttachPolicy policy : values()) {
            if (policy.toString().equals(name)) {
                return policy;
            }
        }
        String hint = switch (name) {
            case "true" -> " (attach used to be true or false: true is now all)";
            case "false" -> " (attach used to be true or false: false is now none)";
            default -> "";
        };
        throw AbstractSeattleMojo.parameterProblem(PARAMETER, "'" + (value == null ? "" : value.strip())
                + "' is not a policy: give one of " + names() + hint);
    }

    /** "all, bases, manifest, none". */
    static String names() {
        return Arrays.stream(values()).map(AttachPolicy::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
