package io.github.seattleinstaller.service.http;

import org.junit.jupiter.api.Test;

import static io.github.seattleinstaller.service.http.ByteRange.Kind.PARTIAL;
import static io.github.seattleinstaller.service.http.ByteRange.Kind.UNSATISFIABLE;
import static io.github.seattleinstaller.service.http.ByteRange.Kind.WHOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteRangeTest {
    @Test
    void singleRangesAsRfc9110Reads() {
        assertEquals(new ByteRange(WHOLE, 0, 999), ByteRange.of(null, 1000));
        assertEquals(new ByteRange(PARTIAL, 0, 99), ByteRange.of("bytes=0-99", 1000));
        assertEquals(new ByteRange(PARTIAL, 500, 999), ByteRange.of("bytes=500-", 1000));
        assertEquals(new ByteRange(PARTIAL, 990, 999), ByteRange.of("bytes=-10", 1000));
        assertEquals(new ByteRange(PARTIAL, 0, 999), ByteRange.of("bytes=-5000", 1000));
        assertEquals(new ByteRange(PARTIAL, 900, 999), ByteRange.of("bytes=900-5000", 1000), "the end is clipped");
        assertEquals(new ByteRange(PARTIAL, 999, 999), ByteRange.of("BYTES = 999-999".replace(" = ", "="), 1000));
        assertEquals(100, ByteRange.of("bytes=0-99", 1000).length());
    }

    @Test
    void outsideTheFileIsUnsatisfiable() {
        assertEquals(UNSATISFIABLE, ByteRange.of("bytes=1000-", 1000).kind());
        assertEquals(UNSATISFIABLE, ByteRange.of("bytes=1000-2000", 1000).kind());
        assertEquals(UNSATISFIABLE, ByteRange.of("bytes=-0", 1000).kind());
    }

    @Test
    void whatDoesNotParseOrAsksForSeveralGetsTheWholeFile() {
        for (String header : new String[] {"bytes=5-1", "bytes=0-1,5-6", "items=0-1", "bytes=", "bytes=-", "bytes=a-b",
                "bytes=1", "bytes=99999999999999999999-"}) {
            assertEquals(WHOLE, ByteRange.of(header, 1000).kind(), header);
        }
    }
}
