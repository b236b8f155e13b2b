package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns configuration files into processed lines, in keepalived 2.2.7's order for each physical
 * line: comments are removed, {@code @ID}/{@code @^ID} conditionals applied, {@code $NAME=}
 * definitions recorded, {@code ~SEQ}/{@code ~LST} loops unrolled, definitions expanded (and
 * comments removed again when something was substituted), and then an {@code include} line is
 * followed or the line is kept as a statement.
 *
 * <p>Everything is bounded by {@link Limits}; problems become diagnostics, never exceptions.
 */
public final class Preprocessor {

    private static final Pattern DEFINITION = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)=(.*)$", Pattern.DOTALL);

    /**
     * @param configId    the {@code -i} value (keepalived defaults to the host name up to the first dot)
     * @param limits      work budgets
     * @param randomSeed  seed for {@code ${_RANDOM}}
     */
    public record Options(String configId, Limits limits, long randomSeed, boolean allConfig) {
        public Options(String configId, Limits limits, long randomSeed) {
            this(configId, limits, randomSeed, false);
        }

        public static Options defaults(String configId) {
            return new Options(configId, Limits.DEFAULT, 0L);
        }
    }

    /** keepalived's MAXBUF (lib/parser.h): fgets() returns at most MAXBUF - 1 bytes of a line. */
    private static final int KEEPALIVED_LINE_BYTES = 1024;

    private final Options options;
    private final Diagnostics diagnostics;
    private final Definitions definitions;
    private final Includes includes;
    private final List<SourceLine> out = new ArrayList<>();
    private long charsOut;
    private long iterations;
    /** Set when a budget of the whole configuration is spent: nothing more is read or produced. */
    private boolean stopped;
    /** Set when a loop is refused, so that every loop around it stops too; cleared after the outermost. */
    private boolean loopAborted;
    /** Loops being unrolled, however they started (a header, or a definition whose value is one). */
    private int loopDepth;

    private Preprocessor(Options options, Diagnostics diagnostics) {
        this.options = options;
        this.diagnostics = diagnostics;
        this.definitions = new Definitions(options.limits(), options.configId(), System::getenv, options.randomSeed());
        this.includes = new Includes(options.limits(), diagnostics);
        if (options.allConfig()) {
            includes.requireFiles();
        }
    }

    /** Reads the root file and everything it includes. A missing root file is a FILE_NOT_FOUND diagnostic. */
    public static List<SourceLine> read(java.nio.file.Path root, Options options, Diagnostics diagnostics) {
        Preprocessor p = new Preprocessor(options, diagnostics);
        p.includes.openRoot(root).ifPresent(p::process);
        return p.out;
    }

    /** Processes text as if it were a file of that name (for tests and stdin). */
    public static List<SourceLine> readText(String name, String text, Options options, Diagnostics diagnostics) {
        Preprocessor p = new Preprocessor(options, diagnostics);
        p.includes.openText(name, text).ifPresent(p::process);
        return p.out;
    }

    private void process(Includes.SourceFile file) {
        String[] lines = file.lines();
        StringBuilder pendingValue = null;
        String pendingName = null;
        for (int idx = 0; idx < lines.length && !stopped; idx++) {
            Position pos = Position.of(file.displayName(), idx + 1, 1);
            String raw = lines[idx];
            if (raw.length() > options.limits().maxLineLength()) {
                diagnostics.error(KaStatus.GENERAL_ERROR, pos, "line-too-long", "line longer than "
                        + options.limits().maxLineLength() + " characters; the rest is ignored", raw.substring(0, Math.min(60, raw.length())),
                        "keepalived itself reads lines of at most 1,024 bytes");
                raw = raw.substring(0, options.limits().maxLineLength());
            }
            if (pendingName != null) {
                // Multi-line definition: lines ending in '\' continue it; one that does not (or a blank line) ends it.
                String part = Comments.strip(raw).strip();
                boolean more = part.endsWith("\\");
                pendingValue.append('\n').append(more ? part.substring(0, part.length() - 1).strip() : part);
                if (!more) {
                    definitions.define(pendingName, pendingValue.toString());
                    pendingName = null;
                }
                continue;
            }
            String text = Comments.strip(raw);
            String trimmed = text.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            noteHiddenBraces(raw, text, pos);
            noteKeepalivedLineLimit(text, pos);
            if (trimmed.charAt(0) == '@') {
                Optional<String> kept = conditional(trimmed);
                if (kept.isEmpty()) {
                    continue;
                }
                // Blank out the "@id" prefix rather than cutting it, so columns still match the source.
                int lead = text.indexOf('@');
                int restAt = text.indexOf(kept.get(), lead);
                text = " ".repeat(Math.max(0, restAt)) + kept.get();
                trimmed = kept.get();
            }
            Matcher def = trimmed.charAt(0) == '$' ? DEFINITION.matcher(trimmed) : null;
            if (def != null && def.matches()) {
                String value = def.group(2).strip();
                if (value.endsWith("\\")) {
                    pendingName = def.group(1);
                    pendingValue = new StringBuilder(value.substring(0, value.length() - 1).strip());
                } else {
                    definitions.define(def.group(1), value);
                }
                continue;
            }
            handle(file, pos, text, true, 0);
        }
        if (pendingName != null) {
            definitions.define(pendingName, pendingValue.toString());
        }
    }

    /**
     * One line after conditionals and definitions, in keepalived's order: a loop header is unrolled;
     * otherwise definitions are expanded and the result is an include line or a statement. Includes
     * are recognised after expansion (keepalived 2.2.7 follows "@id include f" and "$INC f").
     */
    private void handle(Includes.SourceFile file, Position pos, String text, boolean columnsKept, int nesting) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return;     // "~SEQ(i, 3)" with nothing after it repeats nothing
        }
        if (Loops.startsLoop(trimmed)) {
            unroll(file, trimmed, pos, nesting);
            return;
        }
        Definitions.Expansion expansion = definitions.expandLine(text, file.directory(), pos, diagnostics);
        String expanded = expansion.line();
        if (expanded.equals(text) && expansion.pending().isEmpty()) {
            statement(file, pos, text, columnsKept);
            return;
        }
        // keepalived 2.2.7 removes comments again after a substitution: an unquoted ${_HASH} ends the
        // line, and a definition whose value starts a loop runs that loop.
        String cleaned = Comments.strip(expanded);
        if (!cleaned.isBlank() && !stopped) {
            if (Loops.startsLoop(cleaned.strip())) {
                unroll(file, cleaned.strip(), pos, nesting + 1);
            } else {
                statement(file, pos, cleaned, false);
            }
        }
        for (String next : expansion.pending()) {
            if (stopped) {
                break;
            }
            definitionLine(file, pos, next, nesting + 1);
        }
    }

    /**
     * One of the lines a multi-line definition gives after its first: keepalived 2.2.7 reads it like
     * a line of the file (conditionals, definitions, loops, expansion), at the line number of the
     * reference. A definition can use itself this way, so the depth is bounded.
     */
    private void definitionLine(Includes.SourceFile file, Position pos, String text, int nesting) {
        if (nesting >= options.limits().maxNesting()) {
            abortLoop(pos, "definition-too-deep", "multi-line definitions nested more than "
                    + options.limits().maxNesting() + " deep", text.strip(), "check for a definition that uses itself");
            return;
        }
        String code = Comments.strip(text);
        String trimmed = code.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (trimmed.charAt(0) == '@') {
            Optional<String> kept = conditional(trimmed);
            if (kept.isEmpty()) {
                return;
            }
            code = kept.get();
            trimmed = code;
        }
        Matcher def = trimmed.charAt(0) == '$' ? DEFINITION.matcher(trimmed) : null;
        if (def != null && def.matches()) {
            String value = def.group(2).strip();
            definitions.define(def.group(1), value.endsWith("\\") ? value.substring(0, value.length() - 1).strip() : value);
            return;
        }
        handle(file, pos, code, false, nesting);
    }

    private void statement(Includes.SourceFile file, Position pos, String text, boolean columnsKept) {
        String trimmed = text.strip();
        if (trimmed.startsWith("include_check") && (trimmed.length() == 13 || LineTokenizer.isBlank(trimmed.charAt(13)))) {
            includeCheck(trimmed.substring(13).strip(), pos);
        }
        if (Includes.isIncludeLine(trimmed)) {
            if (file.cycleRepeat()) {
                return;
            }
            includes.include(trimmed, file, pos).forEach(f -> {
                if (!stopped) {
                    process(f);
                }
            });
            return;
        }
        emit(pos, text, columnsKept);
    }

    /** global_defs' include_check applies to the includes read after it, so it is read here. */
    private void includeCheck(String args, Position pos) {
        if (args.isEmpty()) {
            includes.requireFiles();
            return;
        }
        for (String type : args.split("\\s+")) {
            switch (type) {
                case "match", "wildcard_match", "brace_match" -> includes.requireFiles(type);
                default -> diagnostics.error(KaStatus.GENERAL_ERROR, pos, "bad-include-check",
                        "Unknown include_check type '" + type + "' - ignoring", args,
                        "keepalived 2.2.7 knows match, wildcard_match and brace_match");
            }
        }
    }

    /**
     * keepalived 2.2.7 reads lines with a 1024-byte buffer (MAXBUF): a longer line is cut into
     * 1023-byte pieces, each read as a line of its own, which turns the rest into unknown keywords.
     * We read the whole line, and say that keepalived would not.
     */
    private void noteKeepalivedLineLimit(String code, Position pos) {
        if (code.length() < KEEPALIVED_LINE_BYTES / 4) {
            return;
        }
        int bytes = code.stripTrailing().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes >= KEEPALIVED_LINE_BYTES) {
            diagnostics.warning(KaStatus.GENERAL_ERROR, pos, "keepalived-line-limit",
                    "line is " + bytes + " bytes long; keepalived 2.2.7 reads at most " + (KEEPALIVED_LINE_BYTES - 1)
                            + " bytes per line and would split it", code.strip(),
                    "break the line, or use $NAME definitions for long values");
        }
    }

    /**
     * A comment that starts after code on the same line and hides a brace usually means lost
     * line breaks ({@code virtual_ipaddress { #VIP 10.0.0.1}}): the block is then never closed.
     */
    private void noteHiddenBraces(String raw, String code, Position pos) {
        if (code.length() == raw.length()) {
            return;
        }
        int start = Comments.commentStart(raw);
        if (start < 0) {
            return;
        }
        // Only a brace that ends the line: a brace quoted inside the comment's prose is no sign of a
        // lost line break ("}" in "#VIP 10.0.0.1}" is; "{" in "# split from '{delay_loop 6'" is not).
        String comment = raw.substring(start).stripTrailing();
        char last = comment.charAt(comment.length() - 1);
        if (comment.length() > 1 && (last == '{' || last == '}')) {
            diagnostics.note(pos.atColumn(start + 1), "comment-hides-brace",
                    "the comment starting here hides a '" + last
                            + "'; everything after '" + comment.charAt(0) + "' on this line is ignored",
                    comment, "move the text after the comment onto its own line");
        }
    }

    private Optional<String> conditional(String trimmed) {
        boolean negate = trimmed.startsWith("@^");
        int from = negate ? 2 : 1;
        int end = from;
        while (end < trimmed.length() && !LineTokenizer.isBlank(trimmed.charAt(end))) {
            end++;
        }
        String id = trimmed.substring(from, end);
        boolean matches = id.equals(options.configId());
        String rest = trimmed.substring(end).strip();
        // keepalived drops "@id" with nothing after it whatever the id.
        if (matches == negate || rest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rest);
    }

    private void unroll(Includes.SourceFile file, String trimmed, Position pos, int nesting) {
        if (stopped || loopAborted) {
            return;
        }
        boolean outermost = loopDepth == 0;
        loopDepth++;
        try {
            unrollChecked(file, trimmed, pos, nesting, outermost);
        } finally {
            if (--loopDepth == 0) {
                loopAborted = false;
            }
        }
    }

    private void unrollChecked(Includes.SourceFile file, String trimmed, Position pos, int nesting, boolean outermost) {
        Limits limits = options.limits();
        if (nesting >= limits.maxNesting()) {
            abortLoop(pos, "loop-too-deep", "loops nested more than " + limits.maxNesting() + " deep", trimmed,
                    "check for a definition that expands to a loop using itself");
            return;
        }
        String[] error = new String[1];
        Optional<Loops.Loop> parsed = Loops.parse(trimmed, args -> definitions.expand(args, file.directory(), pos, diagnostics), error);
        if (parsed.isEmpty()) {
            String hint = "see keepalived.conf(5): ~SEQ(var, [start,] [step,] end) or ~LST(var, value, ...)";
            if (outermost) {
                diagnostics.error(KaStatus.GENERAL_ERROR, pos, "bad-loop", error[0], shorten(trimmed), hint);
            } else {
                // Inside another loop the same header would fail on every iteration: report it once and stop.
                abortLoop(pos, "bad-loop", error[0], trimmed, hint);
            }
            return;
        }
        Loops.Loop loop = parsed.get();
        long room = limits.maxLines() - out.size();
        // The outermost loop estimates the lines of the loops nested in its text; inner ones only check their own count.
        long lines = outermost ? linesProduced(loop, file, nesting, room) : loop.values().count();
        if (lines > room) {
            abortLoop(pos, "loop-too-long", "loop would produce " + (lines == Long.MAX_VALUE ? "too many" : lines)
                    + " lines; the limit is " + limits.maxLines() + " lines in all", trimmed, "use a smaller range");
            return;
        }
        long count = loop.values().count();
        for (long i = 0; i < count && !stopped && !loopAborted; i++) {
            // Iterations are budgeted as well as lines: a loop whose text produces nothing still costs work.
            if (++iterations > limits.maxLines()) {
                abortLoop(pos, "loop-too-long", "loops ran more than " + limits.maxLines()
                        + " iterations in all", trimmed, "use smaller ranges");
                break;
            }
            bind(loop, i);
            handle(file, pos, loop.rest(), false, nesting + 1);
        }
    }

    /**
     * Lines a loop will produce, estimated before anything is generated so that
     * {@code ~SEQ(a, 10000) ~SEQ(b, 10000) x} is refused at once: the count times that of a loop
     * nested in its text (evaluated with the first values bound); saturates at Long.MAX_VALUE.
     */
    private long linesProduced(Loops.Loop loop, Includes.SourceFile file, int nesting, long room) {
        long count = loop.values().count();
        String rest = loop.rest().strip();
        if (count == 0 || count > room || nesting + 1 >= options.limits().maxNesting() || !Loops.startsLoop(rest)) {
            return count;
        }
        bind(loop, 0);
        Diagnostics quiet = new Diagnostics();
        Optional<Loops.Loop> inner = Loops.parse(rest, a -> definitions.expand(a, file.directory(), Position.NONE, quiet),
                new String[1]);
        if (inner.isEmpty()) {
            return count;
        }
        long innerLines = Math.max(1, linesProduced(inner.get(), file, nesting + 1, room));
        return count > Long.MAX_VALUE / innerLines ? Long.MAX_VALUE : count * innerLines;
    }

    private void bind(Loops.Loop loop, long index) {
        List<String> row = switch (loop.values()) {
            case Loops.Sequence s -> List.of(s.valueAt(index));
            case Loops.Tuples t -> t.rows().get((int) index);
        };
        // The variables keep their last value after the loop, as keepalived's set_definition() leaves them.
        for (int v = 0; v < loop.variables().size(); v++) {
            definitions.define(loop.variables().get(v), row.get(v));
        }
    }

    private void abortLoop(Position pos, String code, String message, String header, String suggestion) {
        if (!loopAborted) {
            loopAborted = true;
            diagnostics.error(KaStatus.GENERAL_ERROR, pos, code, message, shorten(header), suggestion);
        }
    }

    private void emit(Position pos, String text, boolean columnsKept) {
        if (stopped) {
            return;
        }
        Limits limits = options.limits();
        charsOut += text.length();
        if (out.size() >= limits.maxLines()) {
            stop(pos, "too-many-lines", "configuration exceeds " + limits.maxLines()
                    + " lines after includes and loops; rest ignored");
            return;
        }
        if (charsOut > limits.maxTotalChars()) {
            stop(pos, "too-much-text", "configuration exceeds " + limits.maxTotalChars()
                    + " characters after includes, loops and definitions; rest ignored");
            return;
        }
        out.add(new SourceLine(pos, text, columnsKept));
    }

    private void stop(Position pos, String code, String message) {
        stopped = true;
        diagnostics.error(KaStatus.FATAL, pos, code, message, "", "split the configuration or shrink generated sections");
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
