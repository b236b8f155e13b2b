package io.keepalived4j.config.json;

import java.lang.reflect.RecordComponent;
import io.keepalived4j.config.model.IpText;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Writes records, collections, maps and simple values as JSON, for {@code -d} and {@code check
 * --json}. The configuration model is made of records only, so reflection over record components
 * is all this needs; no JSON library is pulled in for it.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;
    private int depth;

    private JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    public static String write(Object value) {
        JsonWriter w = new JsonWriter(true);
        w.value(value);
        return w.out.toString();
    }

    public static String writeCompact(Object value) {
        JsonWriter w = new JsonWriter(false);
        w.value(value);
        return w.out.toString();
    }

    private void value(Object v) {
        switch (v) {
            case null -> out.append("null");
            case String s -> string(s);
            case Boolean b -> out.append(b);
            case Double dbl -> number(dbl);
            case Float f -> number(f.doubleValue());
            case Number n -> out.append(n);
            case Character c -> string(String.valueOf(c));
            case Enum<?> e -> string(e.name());
            case InetAddress a -> string(IpText.of(a));
            case Path p -> string(p.toString());
            case Optional<?> o -> value(o.orElse(null));
            case OptionalInt o -> value(o.isPresent() ? o.getAsInt() : null);
            case OptionalLong o -> value(o.isPresent() ? o.getAsLong() : null);
            case OptionalDouble o -> value(o.isPresent() ? o.getAsDouble() : null);
            case Map<?, ?> m -> map(m);
            case Collection<?> c -> array(c);
            case Record r -> record(r);
            default -> string(v.toString());
        }
    }

    private void number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(d);
        }
    }

    private void record(Record r) {
        out.append('{');
        depth++;
        boolean first = true;
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                v = "<unreadable: " + e.getClass().getSimpleName() + ">";
            }
            first = key(c.getName(), first);
            value(v);
        }
        depth--;
        close('}', first);
    }

    private void map(Map<?, ?> m) {
        out.append('{');
        depth++;
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            first = key(String.valueOf(e.getKey()), first);
            value(e.getValue());
        }
        depth--;
        close('}', first);
    }

    private void array(Collection<?> c) {
        out.append('[');
        depth++;
        boolean first = true;
        for (Object v : c) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline();
            value(v);
        }
        depth--;
        close(']', first);
    }

    private boolean key(String name, boolean first) {
        if (!first) {
            out.append(',');
        }
        newline();
        string(name);
        out.append(pretty ? ": " : ":");
        return false;
    }

    private void close(char c, boolean empty) {
        if (!empty) {
            newline();
        }
        out.append(c);
    }

    private void newline() {
        if (pretty) {
            out.append('\n').append("  ".repeat(depth));
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
