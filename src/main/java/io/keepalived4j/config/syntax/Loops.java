package io.keepalived4j.config.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses keepalived's loop headers: {@code ~SEQ(var, [start,] [step,] end) rest} (and
 * {@code ~SEQx} for hex values) and {@code ~LST(var, v1, v2, ...)} or
 * {@code ~LST({a,b}, {1,2}, {3,4})}, which bind several variables per step.
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
        @Override
        public long count() {
            if (step == 0) {
                return Long.MAX_VALUE;
            }
            if ((step > 0 && start > end) || (step < 0 && start < end)) {
                return 0;
            }
            return (end - start) / step + 1;
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
        return trimmed.startsWith("~SEQ") || trimmed.startsWith("~LST(");
    }

    /** The loop, or empty with {@code error[0]} set to a reason. */
    static Optional<Loop> parse(String trimmed, String[] error) {
        boolean seq = trimmed.startsWith("~SEQ");
        boolean hex = trimmed.startsWith("~SEQx(");
        int open = trimmed.indexOf('(');
        if (open < 0 || (seq && open != (hex ? 5 : 4))) {
            error[0] = "expected '(' after " + (seq ? "~SEQ" : "~LST");
            return Optional.empty();
        }
        int close = matchingParen(trimmed, open);
        if (close < 0) {
            error[0] = "missing ')' in loop header";
            return Optional.empty();
        }
        List<String> args = splitTopLevel(trimmed.substring(open + 1, close));
        String rest = trimmed.substring(close + 1).strip();
        if (seq) {
            return parseSeq(args, rest, hex, error);
        }
        return parseList(args, rest, error);
    }

    private static Optional<Loop> parseSeq(List<String> args, String rest, boolean hex, String[] error) {
        if (args.size() < 2 || args.size() > 4) {
            error[0] = "~SEQ takes (var, end), (var, start, end) or (var, start, step, end)";
            return Optional.empty();
        }
        long[] nums = new long[args.size() - 1];
        for (int i = 1; i < args.size(); i++) {
            try {
                nums[i - 1] = hex ? Long.parseLong(args.get(i), 16) : Long.parseLong(args.get(i));
            } catch (NumberFormatException e) {
                error[0] = "~SEQ value '" + args.get(i) + "' is not an integer";
                return Optional.empty();
            }
        }
        long start = 1;
        long step = 1;
        long end;
        switch (nums.length) {
            case 1 -> end = nums[0];
            case 2 -> {
                start = nums[0];
                end = nums[1];
            }
            default -> {
                start = nums[0];
                step = nums[1];
                end = nums[2];
            }
        }
        if (step == 0) {
            error[0] = "~SEQ step must not be 0";
            return Optional.empty();
        }
        return Optional.of(new Loop(List.of(args.get(0)), new Sequence(start, step, end, hex), rest));
    }

    private static Optional<Loop> parseList(List<String> args, String rest, String[] error) {
        if (args.size() < 2) {
            error[0] = "~LST takes (var, value, ...)";
            return Optional.empty();
        }
        List<String> vars = braceList(args.get(0));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            List<String> row = vars.size() == 1 && !args.get(i).startsWith("{") ? List.of(args.get(i)) : braceList(args.get(i));
            if (row.size() != vars.size()) {
                error[0] = "~LST value " + args.get(i) + " has " + row.size() + " items for " + vars.size() + " variables";
                return Optional.empty();
            }
            rows.add(row);
        }
        return Optional.of(new Loop(vars, new Tuples(rows), rest));
    }

    private static List<String> braceList(String arg) {
        String a = arg.strip();
        if (a.startsWith("{") && a.endsWith("}")) {
            return splitTopLevel(a.substring(1, a.length() - 1));
        }
        return List.of(a);
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
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
            if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }
}
