package io.github.seattleinstaller.service.http;

/**
 * The part of an installer a request asks for with {@code Range} (RFC 9110): the whole file, one range, or a
 * range that lies outside the file. Only single ranges are served; a request for several, or a header that does
 * not parse, gets the whole file, as the RFC allows.
 *
 * @param start the first byte
 * @param end   the last byte, inclusive
 */
public record ByteRange(Kind kind, long start, long end) {
    public enum Kind { WHOLE, PARTIAL, UNSATISFIABLE }

    public long length() {
        return end - start + 1;
    }

    /**
     * @param header the {@code Range} header, or null
     * @param size   the file's size
     */
    public static ByteRange of(String header, long size) {
        ByteRange whole = new ByteRange(Kind.WHOLE, 0, size - 1);
        if (header == null) {
            return whole;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return whole;
        }
        String spec = value.substring(6).strip();
        if (spec.contains(",")) {
            return whole;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return whole;
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        if (!first.matches("[0-9]{0,18}") || !last.matches("[0-9]{0,18}") || first.isEmpty() && last.isEmpty()) {
            return whole;
        }
        if (first.isEmpty()) {
            long suffix = Long.parseLong(last);
            if (suffix == 0 || size == 0) {
                return new ByteRange(Kind.UNSATISFIABLE, 0, -1);
            }
            return new ByteRange(Kind.PARTIAL, Math.max(0, size - suffix), size - 1);
        }
        long start = Long.parseLong(first);
        if (!last.isEmpty() && Long.parseLong(last) < start) {
            return whole;
        }
        if (start >= size) {
            return new ByteRange(Kind.UNSATISFIABLE, 0, -1);
        }
        long end = last.isEmpty() ? size - 1 : Long.parseLong(last);
        return new ByteRange(Kind.PARTIAL, start, Math.min(end, size - 1));
    }
}
