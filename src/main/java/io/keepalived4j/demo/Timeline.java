package io.keepalived4j.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What happened during the demo, in order, printed as it happens with the seconds since the
 * start ({@code "  3.4 s  lb1 MASTER"}), and kept so that the script can wait for an event and
 * measure takeover times between an action and its effect.
 */
final class Timeline {

    /** What an event is about; {@code node} is lb1, lb2, client or "demo". */
    enum Kind { STATE, VIP_ADDED, VIP_REMOVED, ACTION, CLIENT, PROCESS, POOL }

    /** One line of the timeline. */
    record Event(long nanos, String node, Kind kind, String text) {
        double seconds() {
            return nanos / 1e9;
        }
    }

    private final PrintWriter out;
    private final long start = System.nanoTime();
    private final List<Event> events = new ArrayList<>();

    Timeline(PrintWriter out) {
        this.out = out;
    }

    /** Records and prints {@code node text}, e.g. ("lb1", STATE, "MASTER"). */
    synchronized Event add(String node, Kind kind, String text) {
        Event e = new Event(System.nanoTime() - start, node, kind, text);
        events.add(e);
        out.println(String.format(Locale.ROOT, "%5.1f s  %s %s", e.seconds(), node, text));
        out.flush();
        notifyAll();
        return e;
    }

    /** Prints a line that is not an event (headings, notes). */
    synchronized void note(String line) {
        out.println(line);
        out.flush();
    }

    /** The position after the last event: {@link #await} from it sees only what happens next. */
    synchronized int mark() {
        return events.size();
    }

    /** The first event at or after {@code from} that matches, waiting up to {@code timeout} for it. */
    synchronized Optional<Event> await(int from, Duration timeout, Predicate<Event> match) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int i = from;
        while (true) {
            for (; i < events.size(); i++) {
                if (match.test(events.get(i))) {
                    return Optional.of(events.get(i));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Matches a node's event of one kind, e.g. {@code is("lb2", Kind.VIP_ADDED)}. */
    static Predicate<Event> is(String node, Kind kind) {
        return e -> e.node().equals(node) && e.kind() == kind;
    }

    /** Matches a node's state change into {@code state} (MASTER, BACKUP, FAULT). */
    static Predicate<Event> state(String node, String state) {
        return e -> e.node().equals(node) && e.kind() == Kind.STATE && e.text().equals(state);
    }
}
