package io.github.seattleinstaller.runtime.resources;

import java.util.Arrays;
import java.util.Optional;

/**
 * The resources a Seattle vessel is given, in the order of Seattle's {@code resources.offcut}; that order
 * is also the order in which we write every resource file, so that output is deterministic.
 *
 * <p>The default is the value the original installer used when a measurement failed, was missing or was
 * not positive (reference section 4).
 */
public enum Resource {
    CPU("cpu", Kind.FLOAT, 1, "CPUs"),
    MEMORY("memory", Kind.INTEGER, 510_000_000L, "bytes of RAM"),
    DISKUSED("diskused", Kind.INTEGER, 3_700_000_000L, "bytes of disk"),
    EVENTS("events", Kind.INTEGER, 500, "threads"),
    FILEWRITE("filewrite", Kind.RATE, 1_200_000, "bytes/s written to disk"),
    FILEREAD("fileread", Kind.RATE, 1_200_000, "bytes/s read from disk"),
    FILESOPENED("filesopened", Kind.INTEGER, 250, "open files"),
    INSOCKETS("insockets", Kind.INTEGER, 250, "incoming sockets"),
    OUTSOCKETS("outsockets", Kind.INTEGER, 250, "outgoing sockets"),
    NETSEND("netsend", Kind.RATE, 500_000, "bytes/s sent to the network"),
    NETRECV("netrecv", Kind.RATE, 500_000, "bytes/s received from the network"),
    LOOPSEND("loopsend", Kind.RATE, 50_000_000, "bytes/s sent on loopback"),
    LOOPRECV("looprecv", Kind.RATE, 50_000_000, "bytes/s received on loopback"),
    LOGRATE("lograte", Kind.RATE, 1_500_000, "bytes/s of log"),
    RANDOM("random", Kind.RATE, 200_000, "secure random bytes/s");

    /**
     * How a Seattle node manager reads the value: cpu and the rates as floats, the counts as integers.
     * Only cpu stays fractional through the donation arithmetic; every other resource is truncated to
     * an integer, so a count must never be written as {@code 392.0}.
     */
    public enum Kind {
        /** A fractional quantity (only cpu). */
        FLOAT,
        /** A count (bytes, threads, files, sockets) read as an integer. */
        INTEGER,
        /** Bytes per second; integer-valued after donation, read as a float. */
        RATE
    }

    private final String seattleName;
    private final Kind kind;
    private final double defaultMaximum;
    private final String unit;

    Resource(String seattleName, Kind kind, double defaultMaximum, String unit) {
        this.seattleName = seattleName;
        this.kind = kind;
        this.defaultMaximum = defaultMaximum;
        this.unit = unit;
    }

    /** The name used in Seattle files ({@code resource <name> <value>}). */
    public String seattleName() {
        return seattleName;
    }

    public Kind kind() {
        return kind;
    }

    /** True for cpu, the only resource that keeps a fractional value. */
    public boolean isFractional() {
        return kind == Kind.FLOAT;
    }

    /** The maximum the original installer assumed when it could not measure this resource. */
    public double defaultMaximum() {
        return defaultMaximum;
    }

    /** What the value counts, for log lines. */
    public String unit() {
        return unit;
    }

    /** The resource with this Seattle name (case-sensitive, as Seattle's parser was). */
    public static Optional<Resource> bySeattleName(String name) {
        return Arrays.stream(values()).filter(resource -> resource.seattleName.equals(name)).findFirst();
    }

    /** "cpu, memory, ..." for error messages that list the known names. */
    public static String knownNames() {
        return String.join(", ", Arrays.stream(values()).map(Resource::seattleName).toList());
    }
}
