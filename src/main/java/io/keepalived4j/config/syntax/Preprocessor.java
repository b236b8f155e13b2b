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
 * Turns configuration files into processed lines, in keepalived's order for each physical line:
 * comments are removed, {@code include} is followed (before anything else, as keepalived does),
 * {@code @ID}/{@code @^ID} conditionals are applied, {@code $NAME=} definitions recorded,
 * {@code ~SEQ}/{@code ~LST} loops unrolled and definitions expanded.
 *
 * <p>Everything is bounded by {@link Limits}; problems become diagnostics, never exceptions.
 */
public final class Preprocessor {

    private static final Pattern DEFINITION = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)=(.*)$");

    /**
     * @param configId    the {@code -i} value (keepalived defaults to the host name up to the first dot)
     * @param limits      work budgets
     * @param randomSeed  seed for {@code ${_RANDOM}}
     */
    public record Options(String configId, Limits limits, long randomSeed) {
        public static Options defaults(String configId) {
            return new Options(configId, Limits.DEFAULT, 0L);
        }
    }

    private final Options options;
    private final Diagnostics diagnostics;
    private final Definitions definitions;
    private final Includes includes;
    private final List<SourceLine> out = new ArrayList<>();
    private boolean lineBudgetReported;

    private Preprocessor(Options options, Diagnostics diagnostics) {
        this.options = options;
        this.diagnostics = diagnostics;
        this.definitions = new Definitions(options.limits(), options.configId(), System::getenv, options.randomSeed());
        this.includes = new Includes(options.limits(), diagnostics);
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
        p.process(p.includes.openText(name, text));
        return p.out;
    }

    private void process(Includes.SourceFile file) {
        String[] lines = file.lines();
        StringBuilder pendingValue = null;
        String pendingName = null;
        for (int idx = 0; idx < lines.length; idx++) {
            Position pos = Position.of(file.displayName(), idx + 1, 1);
            String raw = lines[idx];
            if (pendingName != null) {
                // Multi-line definition: lines ending in '\' continue it.
                String part = Comments.strip(raw).strip();
                boolean more = part.endsWith("\\");
                pendingValue.append('\n').append(more ? part.substring(0, part.length() - 1) : part);
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
            if (Includes.isIncludeLine(trimmed)) {
                includes.include(trimmed, file, pos).forEach(this::process);
                continue;
            }
            boolean columnsKept = true;
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
            Matcher def = DEFINITION.matcher(trimmed);
            if (def.matches()) {
                String value = def.group(2).strip();
                if (value.endsWith("\\")) {
                    pendingName = def.group(1);
                    pendingValue = new StringBuilder(value.substring(0, value.length() - 1).strip());
                } else {
                    definitions.define(def.group(1), value);
                }
                continue;
            }
            if (Loops.startsLoop(trimmed)) {
                unroll(trimmed, file.directory(), pos);
                continue;
            }
            String expanded = definitions.expand(text, file.directory(), pos, diagnostics);
            columnsKept = expanded.equals(text);
            emit(pos, expanded, columnsKept);
        }
        if (pendingName != null) {
            definitions.define(pendingName, pendingValue.toString());
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
        if (matches == negate) {
            return Optional.empty();
        }
        return Optional.of(trimmed.substring(end).strip());
    }

    private void unroll(String trimmed, String directory, Position pos) {
        String[] error = new String[1];
        Optional<Loops.Loop> parsed = Loops.parse(trimmed, error);
        if (parsed.isEmpty()) {
            diagnostics.error(KaStatus.GENERAL_ERROR, pos, "bad-loop", error[0], trimmed, "");
            return;
        }
        Loops.Loop loop = parsed.get();
        long count = loop.values().count();
        long room = options.limits().maxLines() - out.size();
        if (count > room) {
            diagnostics.error(KaStatus.GENERAL_ERROR, pos, "loop-too-long",
                    "loop would produce " + (count == Long.MAX_VALUE ? "endless" : count)
                            + " lines; the limit is " + options.limits().maxLines() + " lines in all",
                    trimmed.substring(0, Math.min(80, trimmed.length())), "use a smaller range");
            return;
        }
        for (long i = 0; i < count; i++) {
            List<String> row = switch (loop.values()) {
                case Loops.Sequence s -> List.of(s.valueAt(i));
                case Loops.Tuples t -> t.rows().get((int) i);
            };
            for (int v = 0; v < loop.variables().size(); v++) {
                definitions.define(loop.variables().get(v), row.get(v));
            }
            if (Loops.startsLoop(loop.rest())) {
                unroll(loop.rest(), directory, pos);
            } else {
                emit(pos, definitions.expand(loop.rest(), directory, pos, diagnostics), false);
            }
            if (lineBudgetReported) {
                break;
            }
        }
        loop.variables().forEach(definitions::undefine);
    }

    private void emit(Position pos, String text, boolean columnsKept) {
        if (out.size() >= options.limits().maxLines()) {
            if (!lineBudgetReported) {
                lineBudgetReported = true;
                diagnostics.error(KaStatus.FATAL, pos, "too-many-lines",
                        "configuration exceeds " + options.limits().maxLines() + " lines after includes and loops; rest ignored",
                        "", "split the configuration or shrink generated sections");
            }
            return;
        }
        // A multi-line definition expands to several lines, all at the position of its use.
        if (text.indexOf('\n') >= 0) {
            for (String part : text.split("\n", -1)) {
                if (!part.isBlank()) {
                    emit(pos, part, false);
                }
            }
            return;
        }
        out.add(new SourceLine(pos, text, columnsKept));
    }
}
