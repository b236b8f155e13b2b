package io.keepalived4j.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects diagnostics for one load of a configuration. Not thread-safe: one per parse.
 * A cap keeps hostile input (a million bad lines) from turning into a million messages.
 */
public final class Diagnostics {

    /** Diagnostics kept per load; later ones are counted but not stored. */
    public static final int MAX_KEPT = 10_000;

    private final List<Diagnostic> items = new ArrayList<>();
    /** Index in {@link #items} to the stage it was reported in (see {@link #stage}). */
    private final Map<Integer, String> stages = new HashMap<>();
    private KaStatus status = KaStatus.NONE;
    /** Combined status of the diagnostics beyond {@link #MAX_KEPT}, which are counted but not kept. */
    private KaStatus droppedStatus = KaStatus.NONE;
    private int dropped;
    private String currentStage;

    public void add(Diagnostic d) {
        status = status.combine(d.status());
        if (items.size() < MAX_KEPT) {
            if (currentStage != null) {
                stages.put(items.size(), currentStage);
            }
            items.add(d);
        } else {
            droppedStatus = droppedStatus.combine(d.status());
            dropped++;
        }
    }

    /**
     * Runs {@code work}, remembering that what it reports belongs to a named stage of keepalived's
     * processing (e.g. the VRRP completion checks), which {@link #skipStage} can later take back.
     */
    public void stage(String name, Runnable work) {
        String outer = currentStage;
        currentStage = name;
        try {
            work.run();
        } finally {
            currentStage = outer;
        }
    }

    /**
     * keepalived 2.2.7 never reaches this stage for this configuration (for instance it stops before
     * the VRRP completion checks when an interface is missing): what the stage reported stays
     * visible as notes, saying why, but no longer counts for the exit code.
     */
    public void skipStage(String name, String why) {
        setAside((d, stage) -> name.equals(stage), why);
    }

    /**
     * The diagnostics {@code which} selects (given each one and the stage it was reported in, or
     * null) are findings keepalived 2.2.7 never gets to make: they stay visible as notes, saying
     * why, and no longer count for the exit code.
     */
    public void setAside(java.util.function.BiPredicate<Diagnostic, String> which, String why) {
        KaStatus recomputed = droppedStatus;
        for (int i = 0; i < items.size(); i++) {
            Diagnostic d = items.get(i);
            if (d.status() != KaStatus.NONE && which.test(d, stages.get(i))) {
                d = new Diagnostic(Severity.NOTE, KaStatus.NONE, d.position(), d.code(), d.message() + " (" + why + ")",
                        d.excerpt(), d.suggestion());
                items.set(i, d);
            }
            recomputed = recomputed.combine(d.status());
        }
        status = recomputed;
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
