package io.keepalived4j.check;

/**
 * keepalived 2.2.7's reading of a response head (lib/html.c), quirks included, over the bytes
 * received so far ({@code buf[0..len)}, which keepalived terminates with a NUL):
 *
 * <ul>
 *   <li>the header ends at the first {@code \r\n\r\n};
 *   <li>the status is the three characters between the first space of the status line and the
 *       next space ({@code HTTP/1.1 200\r\n}, without a reason phrase, has none: 0);
 *   <li>{@code Content-Length:} is searched case-sensitively anywhere before the first NUL byte,
 *       the start of the body included, and read as {@code strtoul} reads it.
 * </ul>
 */
final class ResponseHead {

    /** SIZE_MAX: no usable Content-Length. Lengths are unsigned, as keepalived's size_t. */
    static final long NO_LENGTH = -1L;

    private static final byte[] CONTENT_LENGTH = "Content-Length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ResponseHead() {
    }

    /** Index just after the header's {@code \r\n\r\n}, or -1 (extract_html). */
    static int headerEnd(byte[] buf, int len) {
        for (int i = 0; i + 3 < len; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** The status code, or 0 when the status line does not have one where keepalived looks (extract_status_code). */
    static int statusCode(byte[] buf, int len) {
        int i = 0;
        while (i < len && buf[i] != ' ' && buf[i] != '\r') {
            i++;
        }
        if (at(buf, len, i) != ' ') {
            return 0;
        }
        i++;
        if (i + 3 >= len || buf[i] == ' ' || buf[i + 3] != ' ') {
            return 0;
        }
        Strtoul r = strtoul(buf, len, i);
        if (r.end != i + 3) {
            return 0;
        }
        return (int) r.value;
    }

    /** The Content-Length as an unsigned value, or {@link #NO_LENGTH} (extract_content_length). */
    static long contentLength(byte[] buf, int len) {
        int nul = 0;
        while (nul < len && buf[nul] != 0) {
            nul++;
        }
        int found = indexOf(buf, nul, CONTENT_LENGTH);
        if (found < 0) {
            return NO_LENGTH;
        }
        Strtoul r = strtoul(buf, len, found + CONTENT_LENGTH.length);
        int c = at(buf, len, r.end);
        if (c != 0 && c != '\r' && c != '\n') {
            return NO_LENGTH;
        }
        return r.value;
    }

    private static int indexOf(byte[] buf, int limit, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= limit; i++) {
            for (int k = 0; k < what.length; k++) {
                if (buf[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int at(byte[] buf, int len, int i) {
        return i < len ? buf[i] & 0xff : 0;
    }

    private record Strtoul(long value, int end) {
    }

    /**
     * C's strtoul(s, &end, 10) in the C locale: leading white space, an optional sign (a minus
     * negates modulo 2^64), decimal digits, ULONG_MAX on overflow; with no digits, end is the start.
     */
    private static Strtoul strtoul(byte[] buf, int len, int start) {
        int j = start;
        while (isSpace(at(buf, len, j))) {
            j++;
        }
        boolean negative = false;
        int sign = at(buf, len, j);
        if (sign == '+' || sign == '-') {
            negative = sign == '-';
            j++;
        }
        int digits = j;
        long value = 0;
        boolean overflow = false;
        while (at(buf, len, j) >= '0' && at(buf, len, j) <= '9') {
            int d = at(buf, len, j) - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                overflow = true;
            } else {
                value = value * 10 + d;
            }
            j++;
        }
        if (j == digits) {
            return new Strtoul(0, start);
        }
        if (overflow) {
            return new Strtoul(-1L, j);
        }
        return new Strtoul(negative ? -value : value, j);
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
