package io.github.seattleinstaller.builder.archive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time stamped on every archive entry. Tar stores seconds since the epoch. Zip stores a local date
 * and time with two-second resolution and no zone; we store the UTC wall-clock time there, as Maven's
 * reproducible builds do, so that an archive does not depend on the builder's time zone.
 */
public final class EntryTimes {
    /** Zip's date format starts in 1980. */
    public static final Instant EARLIEST = Instant.parse("1980-01-01T00:00:00Z");
    /** Zip dates are only reliably read before 2100. */
    public static final Instant END = Instant.parse("2100-01-01T00:00:00Z");
    public static final String RULE = "an output timestamp lies in 1980-01-01T00:00:00Z .. 2099-12-31T23:59:59Z";

    private EntryTimes() {
    }

    /** Null if archives can carry the time, else why not. */
    public static String problem(Instant time) {
        return time.isBefore(EARLIEST) || !time.isBefore(END) ? time + " is outside what zip can store" : null;
    }

    static long tarSeconds(Instant time) {
        return time.getEpochSecond();
    }

    /**
     * The Java time to give commons-compress, which converts it to the zip date in the JVM's zone: the
     * instant whose local time there equals the UTC wall-clock time. (In the hour a daylight-saving change
     * skips in that zone no such instant exists, and the stored time is an hour later.)
     */
    static long zipJavaTime(Instant time) {
        return utcWallClock(time).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    /** The MS-DOS time field (hours, minutes, seconds / 2) of the UTC wall-clock time. */
    static int dosTime(Instant time) {
        LocalDateTime wall = utcWallClock(time);
        return wall.getHour() << 11 | wall.getMinute() << 5 | wall.getSecond() / 2;
    }

    /** The MS-DOS date field (years since 1980, month, day) of the UTC wall-clock time. */
    static int dosDate(Instant time) {
        LocalDateTime wall = utcWallClock(time);
        return (wall.getYear() - 1980) << 9 | wall.getMonthValue() << 5 | wall.getDayOfMonth();
    }

    private static LocalDateTime utcWallClock(Instant time) {
        return LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    }
}
