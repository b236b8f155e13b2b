package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * keepalived's {@code $NAME=VALUE} definitions and their expansion. Values are expanded when used
 * (lazily, recursively), an undefined {@code $X} stays as written, and built-ins
 * ({@code ${_PWD}}, {@code ${_INSTANCE}}, {@code ${_RANDOM [MIN [MAX]]}}, {@code ${_ENV VAR}},
 * {@code ${_HASH}}, {@code ${_BANG}}) are computed. Unlike keepalived, which recurses until it
 * crashes on {@code $A=$B} / {@code $B=$A}, a cycle is reported and the step budget of
 * {@link Limits} bounds exponential definitions.
 */
public final class Definitions {

    private final Map<String, String> values = new HashMap<>();
    private final Limits limits;
    private final String configId;
    private final UnaryOperator<String> environment;
    private final SplittableRandom random;
    private long steps;
    private boolean budgetReported;

    public Definitions(Limits limits, String configId, UnaryOperator<String> environment, long randomSeed) {
        this.limits = limits;
        this.configId = configId;
        this.environment = environment;
        this.random = new SplittableRandom(randomSeed);
    }

    public void define(String name, String value) {
        values.put(name, value);
    }

    public void undefine(String name) {
        values.remove(name);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Expands every {@code $NAME} (followed by a blank or the end) and {@code ${NAME}} in text.
     *
     * @param directory the including file's directory, for {@code ${_PWD}}
     */
    public String expand(String text, String directory, Position pos, Diagnostics diagnostics) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        return expand(text, directory, pos, diagnostics, new ArrayDeque<>());
    }

    private String expand(String text, String directory, Position pos, Diagnostics diagnostics, Deque<String> active) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            String name;
            int end;
            boolean braced = text.charAt(i + 1) == '{';
            if (braced) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = text.substring(i + 2, close).strip();
                end = close + 1;
            } else {
                int j = i + 1;
                while (j < n && isNameChar(text.charAt(j))) {
                    j++;
                }
                // keepalived only replaces $NAME when a blank or the end of the line follows it.
                if (j == i + 1 || (j < n && !LineTokenizer.isBlank(text.charAt(j)))) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = text.substring(i + 1, j);
                end = j;
            }
            String replacement = resolve(name, braced, directory, pos, diagnostics, active);
            if (replacement == null) {
                out.append(text, i, end);
            } else {
                out.append(replacement);
            }
            if (out.length() > limits.maxLineLength()) {
                diagnostics.error(KaStatus.GENERAL_ERROR, pos, "expansion-too-long",
                        "definition expansion makes the line longer than " + limits.maxLineLength() + " characters",
                        text.substring(0, Math.min(60, text.length())), "check for definitions that double in size");
                return out.substring(0, limits.maxLineLength());
            }
            i = end;
        }
        return out.toString();
    }

    private String resolve(String name, boolean braced, String directory, Position pos, Diagnostics diagnostics,
                           Deque<String> active) {
        if (braced && name.startsWith("_")) {
            String builtin = builtin(name, directory, pos, diagnostics);
            if (builtin != null) {
                return builtin;
            }
        }
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        if (++steps > limits.maxExpansionSteps()) {
            if (!budgetReported) {
                budgetReported = true;
                diagnostics.error(KaStatus.GENERAL_ERROR, pos, "expansion-budget",
                        "definition expansion exceeded " + limits.maxExpansionSteps() + " substitutions; stopped",
                        "$" + name, "check for definitions that refer to each other many times");
            }
            return "";
        }
        if (active.contains(name)) {
            StringBuilder chain = new StringBuilder();
            active.descendingIterator().forEachRemaining(a -> chain.append('$').append(a).append(" -> "));
            chain.append('$').append(name);
            diagnostics.error(KaStatus.GENERAL_ERROR, pos, "recursive-definition",
                    "recursive definition: " + chain, "$" + name,
                    "a definition must not refer to itself, directly or through others");
            return "";
        }
        active.push(name);
        try {
            return expand(value, directory, pos, diagnostics, active);
        } finally {
            active.pop();
        }
    }

    private String builtin(String spec, String directory, Position pos, Diagnostics diagnostics) {
        String[] parts = spec.split("\\s+");
        return switch (parts[0]) {
            case "_PWD" -> directory;
            case "_INSTANCE" -> configId;
            case "_HASH" -> "#";
            case "_BANG" -> "!";
            case "_RANDOM" -> randomValue(parts, pos, diagnostics);
            case "_ENV" -> {
                diagnostics.warning(KaStatus.NONE, pos, "since-2.4",
                        "${_ENV ...} is only known to keepalived 2.4 and later", "${" + spec + "}", "");
                String v = parts.length > 1 ? environment.apply(parts[1]) : null;
                yield v == null ? "" : v;
            }
            default -> null;
        };
    }

    private String randomValue(String[] parts, Position pos, Diagnostics diagnostics) {
        long min = 0;
        long max = 32767;
        try {
            if (parts.length == 2) {
                max = Long.parseLong(parts[1]);
            } else if (parts.length >= 3) {
                min = Long.parseLong(parts[1]);
                max = Long.parseLong(parts[2]);
            }
        } catch (NumberFormatException e) {
            diagnostics.error(KaStatus.GENERAL_ERROR, pos, "bad-random", "_RANDOM bounds must be integers",
                    String.join(" ", parts), "write ${_RANDOM MIN MAX}");
        }
        if (max < min) {
            long t = max;
            max = min;
            min = t;
        }
        return Long.toString(min + random.nextLong(max - min + 1));
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
