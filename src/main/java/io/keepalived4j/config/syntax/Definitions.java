package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * keepalived's {@code $NAME=VALUE} definitions and their expansion. Values are expanded when used
 * (lazily, recursively), an undefined {@code $X} stays as written, and built-ins
 * ({@code ${_PWD}}, {@code ${_INSTANCE}}, {@code ${_RANDOM [MIN [MAX]]}}, {@code ${_ENV VAR}},
 * {@code ${_HASH}}, {@code ${_BANG}}) are computed. Unlike keepalived 2.2.7, which loops
 * forever on {@code $A=$B} / {@code $B=$A}, a cycle is reported, and the budgets of {@link Limits}
 * (substitutions, characters produced, nesting depth) bound exponential definitions.
 */
public final class Definitions {

    private final Map<String, String> values = new HashMap<>();
    private final Limits limits;
    private final String configId;
    private final UnaryOperator<String> environment;
    private final SplittableRandom random;
    private long steps;
    private long produced;
    private boolean exhausted;
    private boolean budgetReported;
    private boolean lineReported;
    /** Where the lines after a multi-line definition's first go, while {@link #expandLine} runs. */
    private List<String> pendingSink;

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
     * Expands every {@code $NAME} and {@code ${NAME}} in text. As in keepalived 2.2.7, {@code $NAME}
     * is replaced only when a blank, {@code ,}, {@code )} or the end of the text follows it,
     * {@code ${NAME}} only when the braces hold nothing but the name (built-ins take parameters:
     * {@code ${_RANDOM 1 9}}), and a multi-line definition only where its reference ends the text.
     * Budgets: see {@link Limits} (code {@code expansion-budget}); a cycle is
     * {@code recursive-definition}; both are reported at most once per call.
     *
     * @param directory the including file's directory, for {@code ${_PWD}}
     */
    public String expand(String text, String directory, Position pos, Diagnostics diagnostics) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        lineReported = false;
        return expand(text, directory, pos, diagnostics, new ArrayDeque<>());
    }

    /**
     * A line after expansion, and the lines that a multi-line definition used at its end still has
     * to give. keepalived 2.2.7 replaces the reference with the definition's first line only and
     * reads the others afterwards, one by one, as if they followed in the file (read_line()'s
     * next_ptr): each of them can define ({@code $RS_IP=...}), start a loop or use another
     * multi-line definition, whose lines then come before the rest of this one's.
     *
     * @param line    the expanded line
     * @param pending the following lines, not yet expanded, in order
     */
    public record Expansion(String line, List<String> pending) {
    }

    /** {@link #expand} for a line read as a statement: multi-line definitions give their first line. */
    public Expansion expandLine(String text, String directory, Position pos, Diagnostics diagnostics) {
        if (text.indexOf('$') < 0) {
            return new Expansion(text, List.of());
        }
        List<String> pending = new ArrayList<>();
        pendingSink = pending;
        try {
            return new Expansion(expand(text, directory, pos, diagnostics), List.copyOf(pending));
        } finally {
            pendingSink = null;
        }
    }

    private String expand(String text, String directory, Position pos, Diagnostics diagnostics, Deque<String> active) {
        if (text.indexOf('$') < 0) {
            return text;
        }
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
            Reference ref = reference(text, i);
            if (ref == null) {
                out.append(c);
                i++;
                continue;
            }
            boolean endsText = blankFrom(text, ref.end());
            String replacement = resolve(ref, endsText, directory, pos, diagnostics, active);
            if (replacement == null) {
                out.append(text, i, ref.end());
            } else {
                produced += replacement.length();
                if (produced > limits.maxTotalChars()) {
                    budgetExceeded(pos, diagnostics, "definition expansion produced more than "
                            + limits.maxTotalChars() + " characters; stopped", ref.name());
                    return out.toString();
                }
                out.append(replacement);
            }
            if (out.length() > limits.maxLineLength()) {
                if (!lineReported) {
                    lineReported = true;
                    diagnostics.error(KaStatus.GENERAL_ERROR, pos, "expansion-too-long",
                            "definition expansion makes the line longer than " + limits.maxLineLength() + " characters",
                            text.substring(0, Math.min(60, text.length())), "check for definitions that double in size");
                }
                return out.substring(0, limits.maxLineLength());
            }
            i = ref.end();
        }
        return out.toString();
    }

    /** A {@code $NAME} or {@code ${NAME params}} at some index, and where it ends. */
    private record Reference(String name, String params, int end) {
    }

    /** The reference starting at the '$' at index i, or null when keepalived would leave it as text. */
    private static Reference reference(String text, int i) {
        int n = text.length();
        boolean braced = text.charAt(i + 1) == '{';
        int nameStart = braced ? i + 2 : i + 1;
        if (nameStart >= n || !isNameStart(text.charAt(nameStart))) {
            return null;
        }
        int j = nameStart + 1;
        while (j < n && isNameChar(text.charAt(j))) {
            j++;
        }
        String name = text.substring(nameStart, j);
        if (!braced) {
            // keepalived only replaces $NAME when one of these follows it (find_definition()).
            if (j < n && !LineTokenizer.isBlank(text.charAt(j)) && text.charAt(j) != ',' && text.charAt(j) != ')' && text.charAt(j) != '\n') {
                return null;
            }
            return new Reference(name, "", j);
        }
        // Parameters are digits and spaces (letters too for _ENV); scanning stops at the first other
        // character, so a line of "${${${..." costs linear time.
        boolean env = name.equals("_ENV");
        int k = j;
        while (k < n && (text.charAt(k) == ' ' || (text.charAt(k) >= '0' && text.charAt(k) <= '9')
                || (env && isNameChar(text.charAt(k))))) {
            k++;
        }
        if (k >= n || text.charAt(k) != '}') {
            return null;
        }
        String params = text.substring(j, k);
        if (!params.isBlank() && params.charAt(params.length() - 1) == ' ') {
            return null;
        }
        return new Reference(name, params.strip(), k + 1);
    }

    private String resolve(Reference ref, boolean endsText, String directory, Position pos, Diagnostics diagnostics,
                           Deque<String> active) {
        String name = ref.name();
        String value = values.get(name);
        if (value == null || !ref.params().isEmpty()) {
            // A definition of the same name overrides a built-in, as keepalived's set_definition() does.
            return name.startsWith("_") ? builtin(name, ref.params(), directory, pos, diagnostics) : null;
        }
        if (value.indexOf('\n') >= 0 && !endsText) {
            return null;    // keepalived expands a multi-line definition only at the end of a line
        }
        if (exhausted) {
            return "";
        }
        if (++steps > limits.maxExpansionSteps()) {
            budgetExceeded(pos, diagnostics, "definition expansion exceeded " + limits.maxExpansionSteps()
                    + " substitutions; stopped", name);
            return "";
        }
        if (active.contains(name)) {
            if (!lineReported) {
                lineReported = true;
                StringBuilder chain = new StringBuilder();
                active.descendingIterator().forEachRemaining(a -> chain.append('$').append(a).append(" -> "));
                chain.append('$').append(name);
                diagnostics.error(KaStatus.GENERAL_ERROR, pos, "recursive-definition",
                        "recursive definition: " + chain, "$" + name,
                        "a definition must not refer to itself, directly or through others");
            }
            return "";
        }
        if (active.size() >= limits.maxNesting()) {
            budgetExceeded(pos, diagnostics, "definitions nested more than " + limits.maxNesting()
                    + " deep; stopped", name);
            return "";
        }
        if (value.stripLeading().startsWith("~")) {
            // keepalived's replace_param() stops at a value that starts a loop, so the loop's own
            // variables ($i in "$L=~SEQ(i, 3) zz_$i") are bound by the loop, not expanded now.
            return value;
        }
        active.push(name);
        try {
            int nl = value.indexOf('\n');
            if (nl < 0 || pendingSink == null) {
                return expand(value, directory, pos, diagnostics, active);
            }
            // The first line now (a multi-line definition at its end adds its own lines first), the rest later.
            String first = expand(value.substring(0, nl), directory, pos, diagnostics, active);
            pendingSink.addAll(List.of(value.substring(nl + 1).split("\n", -1)));
            return first;
        } finally {
            active.pop();
        }
    }

    private void budgetExceeded(Position pos, Diagnostics diagnostics, String message, String name) {
        exhausted = true;
        if (!budgetReported) {
            budgetReported = true;
            diagnostics.error(KaStatus.GENERAL_ERROR, pos, "expansion-budget", message,
                    "$" + name, "check for definitions that refer to each other many times");
        }
    }

    private String builtin(String name, String params, String directory, Position pos, Diagnostics diagnostics) {
        String[] parts = params.isEmpty() ? new String[] {name} : (name + " " + params).split(" +");
        String spec = params.isEmpty() ? name : name + " " + params;
        if (!params.isEmpty() && !name.equals("_RANDOM") && !name.equals("_ENV")) {
            return null;    // only these take parameters; keepalived leaves "${_PWD 1}" as written
        }
        return switch (name) {
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

    /**
     * {@code ${_RANDOM}} is 0..32767, {@code ${_RANDOM MIN}} is MIN..32767 and
     * {@code ${_RANDOM MIN MAX}} is MIN..MAX, as keepalived's {@code get_random()} reads them.
     * Bounds are clamped to 0..2^32-1 and swapped when reversed (keepalived's unsigned arithmetic
     * then yields an arbitrary number).
     */
    private String randomValue(String[] parts, Position pos, Diagnostics diagnostics) {
        long min = 0;
        long max = 32767;
        if (parts.length > 3) {
            diagnostics.warning(KaStatus.NONE, pos, "bad-random", "too many parameters for ${_RANDOM}",
                    String.join(" ", parts), "write ${_RANDOM MIN MAX}");
        }
        if (parts.length >= 2) {
            min = unsignedBound(parts[1]);
        }
        if (parts.length >= 3) {
            max = unsignedBound(parts[2]);
        }
        if (max < min) {
            long t = max;
            max = min;
            min = t;
        }
        return Long.toString(min + random.nextLong(max - min + 1));
    }

    /** Digits only (the reference syntax guarantees it), clamped as strtoul() would saturate. */
    private static long unsignedBound(String digits) {
        final long cap = 0xFFFF_FFFFL;
        if (digits.length() > 10) {
            return cap;
        }
        return Math.min(cap, Long.parseLong(digits));
    }

    private static boolean blankFrom(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!LineTokenizer.isBlank(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
