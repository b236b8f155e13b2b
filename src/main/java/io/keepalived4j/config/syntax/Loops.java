package io.keepalived4j.config.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Parses keepalived's loop headers, {@code ~SEQ(var, ...) rest} and {@code ~LST(var, ...) rest},
 * with the semantics keepalived 2.2.7 showed when probed ({@code keepalived -t} on lines such as
 * {@code ~SEQ(i, 4, 2) zz_$i}, whose "Unknown keyword 'zz_4'" messages reveal the expansion):
 *
 * <ul>
 *   <li>{@code ~SEQ(v, END)}: from 1 (or -1 when END is negative) to END inclusive, step +1, or -1
 *       when END is below 1: {@code ~SEQ(i, 3)} is 1 2 3, {@code ~SEQ(i, 0)} is 1 0,
 *       {@code ~SEQ(i, -2)} is -1 -2.</li>
 *   <li>{@code ~SEQ(v, START, END)}: inclusive, step +1 or -1 by direction ({@code ~SEQ(i, 4, 2)} is
 *       4 3 2).</li>
 *   <li>{@code ~SEQ(v, START, STEP, END)}: inclusive when END is reached exactly
 *       ({@code ~SEQ(i, 1, 3, 8)} is 1 4 7); a zero step or one pointing away from END is
 *       "Invalid ~SEQ values".</li>
 *   <li>Numbers are read as C's {@code strtol(s, &end, 0)}: {@code 0x10} is 16, {@code 010} is 8, an
 *       empty field is 0. {@code ~SEQx} prints values in lower-case hex and refuses negative
 *       bounds. Definitions in the parameters are expanded ({@code ~SEQ(i, $N)}).</li>
 *   <li>{@code ~LST(v, a, b)} binds v to a then b; {@code ~LST({a,b}, {1,2}, {3,4})} binds a
 *       and b together; a short tuple leaves the rest empty, a long one is "too many values";
 *       values must not contain blanks or quotes.</li>
 *   <li>A blank may separate {@code ~SEQ}/{@code ~LST} from {@code (}; the header ends at the
 *       first {@code )}. The rest of the line is repeated and may itself start with a loop
 *       (the first loop is the outer one). The variable keeps its last value after the loop.</li>
 * </ul>
 */
final class Loops {

    /** One loop: the variable names, the value tuples they take in order, and the text repeated. */
    record Loop(List<String> variables, LongOrValues values, String rest) {
    }

    /** The value list, kept lazy for ~SEQ so that a 10^8 range is refused before it is built. */
    sealed interface LongOrValues permits Sequence, Tuples {
        long count();
    }

    record Sequence(long start, long step, long end, boolean hex) implements LongOrValues {
        /** Number of values; Long.MAX_VALUE when it does not fit in a long. */
        @Override
        public long count() {
            if (step == 0) {
                return Long.MAX_VALUE;
            }
            if ((step > 0 && start > end) || (step < 0 && start < end)) {
                return 0;
            }
            try {
                return Math.addExact(Math.subtractExact(end, start) / step, 1);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }

        String valueAt(long index) {
            long v = start + index * step;
            return hex ? Long.toHexString(v) : Long.toString(v);
        }
    }

    record Tuples(List<List<String>> rows) implements LongOrValues {
        @Override
        public long count() {
            return rows.size();
        }
    }

    private Loops() {
    }

    static boolean startsLoop(String trimmed) {
        return trimmed.startsWith("~SEQ") || trimmed.startsWith("~LST");
    }

    /**
     * The loop, or empty with {@code error[0]} set to keepalived's reason.
     *
     * @param expandArgs expands definitions in the parameters (not in the variable name or the rest)
     */
    static Optional<Loop> parse(String trimmed, UnaryOperator<String> expandArgs, String[] error) {
        boolean seq = trimmed.startsWith("~SEQ");
        String what = seq ? "~SEQ" : "~LST";
        int p = 4;
        boolean hex = seq && p < trimmed.length() && trimmed.charAt(p) == 'x';
        if (hex) {
            p++;
        }
        p = skipBlanks(trimmed, p);
        int close = trimmed.indexOf(')', p);
        if (p >= trimmed.length() || trimmed.charAt(p) != '(' || close < 0) {
            error[0] = "Invalid " + what + " specification: expected " + what + "(var, ...)";
            return Optional.empty();
        }
        String inside = trimmed.substring(p + 1, close);
        String rest = trimmed.substring(close + 1).strip();
        return seq ? parseSeq(inside, rest, hex, expandArgs, error) : parseList(inside, rest, expandArgs, error);
    }

    private static Optional<Loop> parseSeq(String inside, String rest, boolean hex, UnaryOperator<String> expandArgs,
                                           String[] error) {
        int comma = inside.indexOf(',');
        String var = (comma < 0 ? inside : inside.substring(0, comma)).strip();
        if (comma < 0 || var.isEmpty() || containsBlank(var)) {
            error[0] = "Invalid ~SEQ definition: expected ~SEQ(var, [start,] [step,] end)";
            return Optional.empty();
        }
        String params = expandArgs.apply(inside.substring(comma + 1));
        if (params.indexOf('\n') >= 0) {
            error[0] = "~SEQ parameter is a multi-line definition";
            return Optional.empty();
        }
        String[] fields = params.split(",", -1);
        if (fields.length > 3) {
            error[0] = "Invalid ~SEQ definition: at most start, step and end";
            return Optional.empty();
        }
        long[] nums = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Optional<Long> v = CLong.parse(fields[i]);
            if (v.isEmpty()) {
                error[0] = "Invalid ~SEQ definition: '" + fields[i].strip() + "' is not a number";
                return Optional.empty();
            }
            nums[i] = v.get();
        }
        long start;
        long step;
        long end;
        switch (nums.length) {
            case 1 -> {
                end = nums[0];
                step = end < 1 ? -1 : 1;
                start = end < 0 ? -1 : 1;
            }
            case 2 -> {
                start = nums[0];
                end = nums[1];
                step = start <= end ? 1 : -1;
            }
            default -> {
                start = nums[0];
                step = nums[1];
                end = nums[2];
                if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                    error[0] = "Invalid ~SEQ values: the step must be non-zero and lead from start to end";
                    return Optional.empty();
                }
            }
        }
        if (hex && (start < 0 || end < 0)) {
            error[0] = "~SEQx is only valid for positive numbers";
            return Optional.empty();
        }
        return Optional.of(new Loop(List.of(var), new Sequence(start, step, end, hex), rest));
    }

    private static Optional<Loop> parseList(String inside, String rest, UnaryOperator<String> expandArgs,
                                            String[] error) {
        int comma = topLevelComma(inside);
        if (comma < 0) {
            error[0] = "Invalid ~LST specification: expected ~LST(var, value, ...)";
            return Optional.empty();
        }
        Optional<List<String>> vars = items(inside.substring(0, comma));
        List<String> valueArgs = splitTopLevel(expandArgs.apply(inside.substring(comma + 1)));
        if (vars.isEmpty()) {
            error[0] = "Invalid ~LST specification: bad variable list '" + inside.substring(0, comma).strip() + "'";
            return Optional.empty();
        }
        int width = vars.get().size();
        List<List<String>> rows = new ArrayList<>(valueArgs.size());
        for (String arg : valueArgs) {
            Optional<List<String>> row = items(arg);
            if (row.isEmpty()) {
                error[0] = "Invalid ~LST specification: bad value '" + arg.strip() + "'";
                return Optional.empty();
            }
            List<String> values = new ArrayList<>(row.get());
            if (values.size() > width) {
                error[0] = "~LST specification has too many values: " + arg.strip();
                return Optional.empty();
            }
            while (values.size() < width) {
                values.add("");
            }
            rows.add(List.copyOf(values));
        }
        return Optional.of(new Loop(vars.get(), new Tuples(List.copyOf(rows)), rest));
    }

    /** "a" is one item, "{a, b}" is two, "{}" none; blanks inside an item, quotes or stray braces are refused. */
    private static Optional<List<String>> items(String arg) {
        String a = arg.strip();
        if (a.startsWith("{")) {
            if (!a.endsWith("}") || a.length() < 2) {
                return Optional.empty();
            }
            String body = a.substring(1, a.length() - 1);
            if (body.isBlank()) {
                return Optional.of(List.of());
            }
            List<String> out = new ArrayList<>();
            for (String item : body.split(",", -1)) {
                if (!plainItem(item.strip())) {
                    return Optional.empty();
                }
                out.add(item.strip());
            }
            return Optional.of(out);
        }
        return plainItem(a) ? Optional.of(List.of(a)) : Optional.empty();
    }

    private static boolean plainItem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (LineTokenizer.isBlank(c) || c == '"' || c == '\'' || c == '{' || c == '}' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    private static int topLevelComma(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    private static int skipBlanks(String s, int p) {
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    private static boolean containsBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (LineTokenizer.isBlank(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** C's {@code strtol(s, &end, 0)} where the whole field (blanks aside) must be the number. */
    static final class CLong {
        private CLong() {
        }

        /** The value (saturated at Long.MIN/MAX_VALUE like strtol), or empty when text follows the number. */
        static Optional<Long> parse(String field) {
            String s = field.strip();
            if (s.isEmpty()) {
                return Optional.of(0L);     // strtol of "" is 0; keepalived accepts ~SEQ(i, , 3)
            }
            int i = 0;
            boolean negative = false;
            if (s.charAt(0) == '+' || s.charAt(0) == '-') {
                negative = s.charAt(0) == '-';
                i++;
            }
            int radix = 10;
            if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && i + 2 < s.length() && digit(s.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            } else if (i < s.length() && s.charAt(i) == '0') {
                radix = 8;
            }
            if (i >= s.length() || digit(s.charAt(i), radix) < 0) {
                return Optional.empty();
            }
            long value = 0;
            boolean saturated = false;
            for (; i < s.length(); i++) {
                int d = digit(s.charAt(i), radix);
                if (d < 0) {
                    return Optional.empty();
                }
                if (!saturated) {
                    try {
                        value = Math.addExact(Math.multiplyExact(value, radix), d);
                    } catch (ArithmeticException e) {
                        saturated = true;
                    }
                }
            }
            if (saturated) {
                return Optional.of(negative ? Long.MIN_VALUE : Long.MAX_VALUE);
            }
            return Optional.of(negative ? -value : value);
        }

        /** ASCII digits only: Character.digit would also accept other scripts' digits. */
        private static int digit(char c, int radix) {
            int d = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'z' ? c - 'a' + 10
                    : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
            return d < radix ? d : -1;
        }
    }
}
