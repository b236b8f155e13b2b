package io.keepalived4j.config.build;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * keepalived's number readers ({@code read_unsigned()}, {@code read_int()}, {@code read_timer()},
 * {@code check_true_false()}) with the reason each gives for a bad value, so the LVS builders can
 * accept and reject exactly what keepalived 2.2.7 does.
 */
final class KeepalivedNumbers {

    static final long UINT_MAX = 4_294_967_295L;
    /** IPVS_WEIGHT_LIMIT. */
    static final long WEIGHT_LIMIT = Integer.MAX_VALUE;
    /** read_timer()'s upper bound when the caller gives none: ULONG_MAX - 1 microseconds. */
    static final BigDecimal TIMER_MAX_DEFAULT = new BigDecimal("18446744073709551614");

    private static final Pattern UNSIGNED = Pattern.compile("\\+?\\d+");
    private static final Pattern NEGATIVE = Pattern.compile("-\\d+(\\.\\d*)?");
    private static final Pattern DECIMAL = Pattern.compile("\\+?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private KeepalivedNumbers() {
    }

    /**
     * A value, or why keepalived refuses it. {@code accepted} can be true with a problem: keepalived
     * reads an unparseable timer as 0 and keeps it when 0 is in range, after logging the problem.
     */
    record Result(long value, String problem, boolean accepted) {
        static Result ok(long value) {
            return new Result(value, null, true);
        }

        static Result bad(String problem) {
            return new Result(0, problem, false);
        }

        boolean hasProblem() {
            return problem != null;
        }
    }

    /** read_unsigned(): decimal digits, in [min, max]. */
    static Result unsigned(String text, long min, long max) {
        if (NEGATIVE.matcher(text).matches()) {
            return Result.bad("negative number '" + text + "'");
        }
        if (!UNSIGNED.matcher(text).matches()) {
            return Result.bad("invalid number '" + text + "'");
        }
        BigDecimal v = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        if (v.compareTo(BigDecimal.valueOf(UINT_MAX)) > 0) {
            return Result.bad("number '" + text + "' outside unsigned integer range");
        }
        long value = v.longValueExact();
        if (value < min || value > max) {
            return Result.bad("number '" + text + "' outside range [" + min + ", " + max + "]");
        }
        return Result.ok(value);
    }

    /** read_int(): optionally signed decimal, in [min, max]. */
    static Result signed(String text, long min, long max) {
        String t = text.startsWith("+") ? text.substring(1) : text;
        if (!Pattern.matches("-?\\d+", t)) {
            return Result.bad("invalid number '" + text + "'");
        }
        BigDecimal v = new BigDecimal(t);
        if (v.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0 || v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            return Result.bad("number '" + text + "' outside integer range");
        }
        long value = v.longValueExact();
        if (value < min || value > max) {
            return Result.bad("number '" + text + "' outside range [" + min + ", " + max + "]");
        }
        return Result.ok(value);
    }

    /**
     * read_timer(): seconds with up to microsecond precision, as microseconds in
     * [minMicros, maxMicros] ({@code maxMicros} 0 means keepalived's default bound).
     */
    static Result timer(String text, long minMicros, long maxMicros) {
        BigDecimal max = maxMicros == 0 ? TIMER_MAX_DEFAULT : BigDecimal.valueOf(maxMicros);
        if (NEGATIVE.matcher(text).matches()) {
            return Result.bad("negative number '" + text + "'");
        }
        if (!DECIMAL.matcher(text).matches()) {
            // keepalived logs the word and goes on with 0, which only the range can refuse.
            String problem = "invalid number '" + text + "'";
            return new Result(0, problem, minMicros <= 0);
        }
        BigDecimal seconds = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        BigDecimal micros = seconds.multiply(MILLION).setScale(0, RoundingMode.DOWN);
        if (micros.compareTo(BigDecimal.valueOf(minMicros)) < 0 || micros.compareTo(max) > 0) {
            return Result.bad("number '" + text + "' outside range [" + seconds(BigDecimal.valueOf(minMicros)) + ", "
                    + seconds(max) + "]");
        }
        // Beyond Long.MAX_VALUE microseconds (292 000 years) the difference no longer matters.
        long value = micros.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
        if (seconds.scale() > 6) {
            // keepalived complains (an error under -t) and keeps the value cut to microseconds.
            return new Result(value, "number '" + text + "' has too many decimal places", true);
        }
        return Result.ok(value);
    }

    /**
     * read_decimal_unsigned(): a non-negative decimal with at most {@code digits} decimal places,
     * as an integer scaled by 10^digits, in [min, max] (both scaled).
     */
    static Result decimal(String text, int digits, long min, long max) {
        if (NEGATIVE.matcher(text).matches()) {
            return Result.bad("negative number '" + text + "'");
        }
        if (!DECIMAL.matcher(text).matches()) {
            return Result.bad("invalid number '" + text + "'");
        }
        BigDecimal v = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        BigDecimal scaled = v.movePointRight(digits).setScale(0, RoundingMode.DOWN);
        if (scaled.compareTo(BigDecimal.valueOf(min)) < 0 || scaled.compareTo(BigDecimal.valueOf(max)) > 0) {
            return Result.bad("number '" + text + "' outside range [" + BigDecimal.valueOf(min).movePointLeft(digits)
                    .setScale(digits, RoundingMode.DOWN).toPlainString() + ", " + BigDecimal.valueOf(max).movePointLeft(digits)
                    .setScale(digits, RoundingMode.DOWN).toPlainString() + "]");
        }
        if (v.scale() > digits) {
            // keepalived complains and keeps the value cut to its precision.
            return new Result(scaled.longValueExact(), "number '" + text + "' has too many decimal places", true);
        }
        return Result.ok(scaled.longValueExact());
    }

    static Duration micros(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }

    private static String seconds(BigDecimal micros) {
        return micros.divide(MILLION, 6, RoundingMode.DOWN).toPlainString();
    }

    /** check_true_false(): on/off, true/false, yes/no in lower case (TRUE is refused); empty otherwise. */
    static Optional<Boolean> bool(String text) {
        return switch (text) {
            case "on", "true", "yes" -> Optional.of(true);
            case "off", "false", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
