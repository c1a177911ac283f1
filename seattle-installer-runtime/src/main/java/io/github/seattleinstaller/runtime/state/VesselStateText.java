package io.github.seattleinstaller.runtime.state;

import io.github.seattleinstaller.runtime.resources.SeattleNumbers;

import io.github.seattleinstaller.runtime.donation.VesselPlan;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.runtime.resources.Resource;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of the files a node manager reads (reference section 6). Deterministic: resources in
 * {@link Resource} order, ports ascending, vessels in vesselinfo order.
 */
public final class VesselStateText {
    /** The file that lists the vessels, their keys and their files. */
    public static final String VESSELDICT_FILE_NAME = "vesseldict";

    private VesselStateText() {
    }

    /** {@code resource.v1} for vessel {@code v1}. */
    public static String resourceFileName(String vesselName) {
        return "resource." + vesselName;
    }

    /**
     * A vessel's resource file: one {@code resource <name> <value>} line per resource, then for each port
     * (ascending) its {@code messport} line followed by its {@code connport} line, then the restrictions
     * verbatim. Seattle's readers accept the port lines in any order; pairing them per port keeps each
     * port's two roles side by side.
     */
    public static String resourceFile(VesselPlan vessel, String restrictions) {
        StringBuilder text = new StringBuilder();
        for (Resource resource : Resource.values()) {
            text.append("resource ").append(resource.seattleName()).append(' ')
                    .append(SeattleNumbers.format(resource, vessel.resources().get(resource))).append('\n');
        }
        for (int port : vessel.ports().stream().sorted().toList()) {
            text.append("resource messport ").append(port).append('\n');
            text.append("resource connport ").append(port).append('\n');
        }
        return text.append(restrictions).toString();
    }

    /**
     * The {@code vesseldict}: a Python dict literal that Python 2 {@code eval} and Python 3
     * {@code ast.literal_eval} both read (integers without Python 2's {@code L} suffix). No trailing
     * newline, like the {@code str(dict)} the original wrote.
     */
    public static String vesseldict(List<VesselPlan> vessels) {
        return vessels.stream().map(VesselStateText::vesseldictEntry).collect(Collectors.joining(", ", "{", "}"));
    }

    private static String vesseldictEntry(VesselPlan vessel) {
        String name = vessel.name();
        String userKeys = vessel.spec().users().stream().map(VesselStateText::keyLiteral)
                .collect(Collectors.joining(", ", "[", "]"));
        return pythonString(name) + ": {"
                + "'userkeys': " + userKeys + ", "
                + "'ownerkey': " + keyLiteral(vessel.spec().owner()) + ", "
                + "'oldmetadata': None, "
                + "'stopfilename': " + pythonString(name + ".stop") + ", "
                + "'logfilename': " + pythonString(name + ".log") + ", "
                + "'statusfilename': " + pythonString(name + ".status") + ", "
                + "'resourcefilename': " + pythonString(resourceFileName(name)) + ", "
                + "'advertise': True, "
                + "'ownerinformation': '', "
                + "'status': 'Fresh'}";
    }

    private static String keyLiteral(SeattlePublicKey key) {
        return "{'e': " + key.e() + ", 'n': " + key.n() + "}";
    }

    /** Vessel names are "v" and digits; refusing anything else keeps the literal trivially safe. */
    private static String pythonString(String text) {
        if (!text.matches("[A-Za-z0-9._]+")) {
            throw new IllegalArgumentException("not a vessel file name: " + text);
        }
        return "'" + text + "'";
    }
}
