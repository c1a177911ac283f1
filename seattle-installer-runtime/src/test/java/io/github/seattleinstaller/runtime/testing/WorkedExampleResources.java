package io.github.seattleinstaller.runtime.testing;

/**
 * The resource lines of the reference's worked example (section 9: every maximum at its default, 10%
 * donated, vessels of 80 and 20), as {@code resource.v1} and {@code resource.v2} hold them before the
 * appended restrictions.
 */
public final class WorkedExampleResources {
    private WorkedExampleResources() {
    }

    public static String v1() {
        return """
                resource cpu 0.0768
                resource memory 39200000
                resource diskused 295840000
                resource events 392
                resource filewrite 94400
                resource fileread 94400
                resource filesopened 16
                resource insockets 16
                resource outsockets 16
                resource netsend 40000
                resource netrecv 40000
                resource loopsend 4000000
                resource looprecv 4000000
                resource lograte 119840
                resource random 16000
                """ + portLines(63100, 63179);
    }

    public static String v2() {
        return """
                resource cpu 0.0192
                resource memory 9800000
                resource diskused 73960000
                resource events 98
                resource filewrite 23600
                resource fileread 23600
                resource filesopened 4
                resource insockets 4
                resource outsockets 4
                resource netsend 10000
                resource netrecv 10000
                resource loopsend 1000000
                resource looprecv 1000000
                resource lograte 29960
                resource random 4000
                """ + portLines(63180, 63199);
    }

    /** Each port once as messport and once as connport, in order. */
    private static String portLines(int first, int last) {
        StringBuilder lines = new StringBuilder();
        for (int port = first; port <= last; port++) {
            lines.append("resource messport ").append(port).append('\n');
            lines.append("resource connport ").append(port).append('\n');
        }
        return lines.toString();
    }
}
