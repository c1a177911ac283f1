package io.github.seattleinstaller.runtime.state;

import io.github.seattleinstaller.runtime.resources.VesselRestrictions;
import io.github.seattleinstaller.runtime.testing.WorkedExampleResources;

import io.github.seattleinstaller.runtime.testing.Python;
import io.github.seattleinstaller.runtime.donation.InstallPlan;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VesselStateTextTest {

    /**
     * A node manager's reading of a resource file, as Seattle's Python did it: cpu and the rates with
     * float(), the counts and ports with int(), which refuses "392.0". Prints each resource as
     * "name type repr", then the port lists and the restriction calls.
     */
    private static final String PYTHON_RESOURCE_READER = String.join("\n",
            "import sys",
            "FLOATS = ['cpu', 'filewrite', 'fileread', 'netsend', 'netrecv', 'loopsend', 'looprecv', 'lograte',"
                    + " 'random']",
            "INTS = ['memory', 'diskused', 'events', 'filesopened', 'insockets', 'outsockets']",
            "ports = {'messport': [], 'connport': []}",
            "calls = []",
            "for line in open(sys.argv[1]).read().splitlines():",
            "    words = line.split('#')[0].split()",
            "    if not words: continue",
            "    if words[0] == 'resource' and len(words) == 3:",
            "        name, value = words[1], words[2]",
            "        if name in ports: ports[name].append(int(value))",
            "        elif name in FLOATS: print(name + ' float ' + repr(float(value)))",
            "        elif name in INTS: print(name + ' int ' + repr(int(value)))",
            "        else: raise ValueError('unknown resource ' + name)",
            "    elif words[0] == 'call' and len(words) == 3 and words[2] == 'allow':",
            "        calls.append(words[1])",
            "    else: raise ValueError('bad line ' + line)",
            "for name in ['messport', 'connport']:",
            "    print(name + ' ' + ','.join(map(str, ports[name])))",
            "print('calls ' + ' '.join(calls))");

    /** Reads vesseldict as Python 3 does and prints it as JSON, keeping the key order. */
    private static final String PYTHON3_VESSELDICT = String.join("\n",
            "import ast, json, sys",
            "d = ast.literal_eval(open(sys.argv[1]).read())",
            "print(json.dumps(d))",
            "print(json.dumps(d, sort_keys=True))");

    /** Reads vesseldict as Seattle's Python 2 node manager did, with eval. */
    private static final String PYTHON2_VESSELDICT = String.join("\n",
            "import json, sys",
            "d = eval(open(sys.argv[1]).read())",
            "print(json.dumps(d, sort_keys=True))");

    private static final String VESSELDICT = "{'v1': {'userkeys': [{'e': 3, 'n': 1000000007},"
            + " {'e': 17, 'n': 340282366920938463463374607431768211457}],"
            + " 'ownerkey': {'e': 65537, 'n': 170141183460469231731687303715884105727}, 'oldmetadata': None,"
            + " 'stopfilename': 'v1.stop', 'logfilename': 'v1.log', 'statusfilename': 'v1.status',"
            + " 'resourcefilename': 'resource.v1', 'advertise': True, 'ownerinformation': '', 'status': 'Fresh'},"
            + " 'v2': {'userkeys': [], 'ownerkey': {'e': 65537, 'n': 99999999999999999999999999999999999999999977},"
            + " 'oldmetadata': None, 'stopfilename': 'v2.stop', 'logfilename': 'v2.log',"
            + " 'statusfilename': 'v2.status', 'resourcefilename': 'resource.v2', 'advertise': True,"
            + " 'ownerinformation': '', 'status': 'Fresh'}}";

    /** The same structure as Python's json module writes it: proves the types (ints, None, True). */
    private static final String VESSELDICT_JSON = "{\"v1\": {\"userkeys\": [{\"e\": 3, \"n\": 1000000007},"
            + " {\"e\": 17, \"n\": 340282366920938463463374607431768211457}],"
            + " \"ownerkey\": {\"e\": 65537, \"n\": 170141183460469231731687303715884105727}, \"oldmetadata\": null,"
            + " \"stopfilename\": \"v1.stop\", \"logfilename\": \"v1.log\", \"statusfilename\": \"v1.status\","
            + " \"resourcefilename\": \"resource.v1\", \"advertise\": true, \"ownerinformation\": \"\","
            + " \"status\": \"Fresh\"}, \"v2\": {\"userkeys\": [],"
            + " \"ownerkey\": {\"e\": 65537, \"n\": 99999999999999999999999999999999999999999977},"
            + " \"oldmetadata\": null, \"stopfilename\": \"v2.stop\", \"logfilename\": \"v2.log\","
            + " \"statusfilename\": \"v2.status\", \"resourcefilename\": \"resource.v2\", \"advertise\": true,"
            + " \"ownerinformation\": \"\", \"status\": \"Fresh\"}}";

    static String expectedResourceV1() {
        return WorkedExampleResources.v1() + WorkedExample.RESTRICTIONS;
    }

    static String expectedResourceV2() {
        return WorkedExampleResources.v2() + WorkedExample.RESTRICTIONS;
    }

    static String expectedVesseldict() {
        return VESSELDICT;
    }

    @Test
    void resourceFilesOfTheWorkedExample() {
        InstallPlan plan = WorkedExample.plan();
        assertEquals(expectedResourceV1(), VesselStateText.resourceFile(plan.vessels().get(0), WorkedExample.RESTRICTIONS));
        assertEquals(expectedResourceV2(), VesselStateText.resourceFile(plan.vessels().get(1), WorkedExample.RESTRICTIONS));
        assertTrue(expectedResourceV2().contains("resource random 4000\nresource messport 63180\n"
                + "resource connport 63180\nresource messport 63181\n"));
        assertTrue(expectedResourceV2().endsWith("resource messport 63199\nresource connport 63199\n"
                + "# Restrictions\ncall open allow\ncall sleep allow\n"));
    }

    @Test
    void appendsTheRestrictionsVerbatimEvenWithoutAFinalNewline() {
        InstallPlan plan = WorkedExample.plan();
        String text = VesselStateText.resourceFile(plan.vessels().get(1), "call open allow");
        assertTrue(text.endsWith("resource connport 63199\ncall open allow"), text);
    }

    @Test
    void vesseldictOfTheWorkedExample() {
        assertEquals(VESSELDICT, VesselStateText.vesseldict(WorkedExample.plan().vessels()));
    }

    @Test
    void python3ReadsTheVesseldictWithTheRightTypesAndOrder(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("vesseldict"),
                VesselStateText.vesseldict(WorkedExample.plan().vessels()));
        String[] lines = Python.python3().run(PYTHON3_VESSELDICT, "", file.toString()).split("\n");
        assertEquals(VESSELDICT_JSON, lines[0]);
    }

    @Test
    void python2EvalReadsTheVesseldictWhenPython2IsInstalled(@TempDir Path directory) throws IOException {
        Optional<Python> python2 = Python.python2();
        Assumptions.assumeTrue(python2.isPresent(), "no Python 2 on this machine");
        Path file = Files.writeString(directory.resolve("vesseldict"),
                VesselStateText.vesseldict(WorkedExample.plan().vessels()));
        String sortedByPython3 = Python.python3().run(PYTHON3_VESSELDICT, "", file.toString()).split("\n")[1];
        assertEquals(sortedByPython3, python2.get().run(PYTHON2_VESSELDICT, "", file.toString()).strip());
    }

    @Test
    void aPythonReaderParsesCountsAsIntegersAndRatesAsFloats(@TempDir Path directory) throws IOException {
        InstallPlan plan = WorkedExample.plan();
        Path file = Files.writeString(directory.resolve("resource.v2"),
                VesselStateText.resourceFile(plan.vessels().get(1), VesselRestrictions.defaultText()));
        String read = Python.python3().run(PYTHON_RESOURCE_READER, "", file.toString());
        String[] lines = read.split("\n");
        assertEquals("""
                cpu float 0.0192
                memory int 9800000
                diskused int 73960000
                events int 98
                filewrite float 23600.0
                fileread float 23600.0
                filesopened int 4
                insockets int 4
                outsockets int 4
                netsend float 10000.0
                netrecv float 10000.0
                loopsend float 1000000.0
                looprecv float 1000000.0
                lograte float 29960.0
                random float 4000.0
                """, String.join("\n", Arrays.copyOfRange(lines, 0, 15)) + "\n");
        String ports = "63180,63181,63182,63183,63184,63185,63186,63187,63188,63189,"
                + "63190,63191,63192,63193,63194,63195,63196,63197,63198,63199";
        assertEquals("messport " + ports, lines[15]);
        assertEquals("connport " + ports, lines[16]);
        assertTrue(lines[17].startsWith("calls gethostbyname_ex getmyip sendmess"), lines[17]);
        assertEquals(18, lines.length);
    }

    @Test
    void thePythonReaderRefusesACountWrittenAsAFloat(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("resource.v1"), "resource cpu 0.0768\nresource events 392.0\n");
        AssertionError refused = assertThrows(AssertionError.class,
                () -> Python.python3().run(PYTHON_RESOURCE_READER, "", file.toString()));
        assertTrue(refused.getMessage().contains("invalid literal for int()"), refused.getMessage());
    }
}
