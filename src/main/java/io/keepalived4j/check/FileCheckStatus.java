package io.keepalived4j.check;

/**
 * What a FILE_CHECK makes of its tracked file's value (keepalived 2.2.7's
 * update_track_file_status()): with weight 0, a non-zero value (a zero one with {@code reverse})
 * is a fault; otherwise value x weight (negated with {@code reverse}), clamped to the int range, is
 * added to the server's weight, and the lowest int is a fault.
 */
public final class FileCheckStatus {

    private FileCheckStatus() {
    }

    /** The status: a weight to add, or {@link CheckerEpilogs#WEIGHT_FAULT}. */
    public static long of(long value, long weight, boolean reverse) {
        if (weight == 0) {
            return (value != 0) != reverse ? CheckerEpilogs.WEIGHT_FAULT : 0;
        }
        long product;
        try {
            product = Math.multiplyExact(Math.multiplyExact(value, weight), reverse ? -1 : 1);
        } catch (ArithmeticException e) {
            product = (value < 0) != (weight < 0) != reverse ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, product));
    }

    /** Whether a status takes the server down. */
    public static boolean isFault(long status) {
        return status == CheckerEpilogs.WEIGHT_FAULT;
    }
}
