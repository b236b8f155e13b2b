package io.keepalived4j.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Collects diagnostics for one load of a configuration. Not thread-safe: one per parse.
 * A cap keeps hostile input (a million bad lines) from turning into a million messages.
 */
public final class Diagnostics {

    /** Diagnostics kept per load; later ones are counted but not stored. */
    public static final int MAX_KEPT = 10_000;

    private final List<Diagnostic> items = new ArrayList<>();
    private KaStatus status = KaStatus.NONE;
    private int dropped;

    public void add(Diagnostic d) {
        status = status.combine(d.status());
        if (items.size() < MAX_KEPT) {
            items.add(d);
        } else {
            dropped++;
        }
    }

    public void error(KaStatus st, Position pos, String code, String message, String excerpt, String suggestion) {
        add(new Diagnostic(Severity.ERROR, st, pos, code, message, excerpt, suggestion));
    }

    public void warning(KaStatus st, Position pos, String code, String message, String excerpt, String suggestion) {
        add(new Diagnostic(Severity.WARNING, st, pos, code, message, excerpt, suggestion));
    }

    /** Our own advice: never changes keepalived's exit status. */
    public void note(Position pos, String code, String message, String excerpt, String suggestion) {
        add(new Diagnostic(Severity.NOTE, KaStatus.NONE, pos, code, message, excerpt, suggestion));
    }

    public List<Diagnostic> all() {
        return Collections.unmodifiableList(items);
    }

    /** Sorted by file, line, column; stable for equal positions. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.position().file())
                .thenComparingInt(d -> d.position().line())
                .thenComparingInt(d -> d.position().column()));
        return copy;
    }

    public KaStatus status() {
        return status;
    }

    public int dropped() {
        return dropped;
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    public long count(Severity severity) {
        return items.stream().filter(d -> d.severity() == severity).count();
    }

    public boolean has(String code) {
        return items.stream().anyMatch(d -> d.code().equals(code));
    }
}
