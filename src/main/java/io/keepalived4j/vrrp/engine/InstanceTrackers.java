package io.keepalived4j.vrrp.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run-time side of one instance's trackers: keeps each tracker's latest status and turns a
 * change into the events the state machine needs ({@link Event.PriorityChanged},
 * {@link Event.FaultChanged}) plus keepalived's log line, only when the outcome changes.
 *
 * <pre>{@code
 * InstanceTrackers t = new InstanceTrackers("VI_1", 100, List.of(new TrackerStatus.UpDown("chk", true, -20, false)));
 * for (Event e : t.initialEvents()) driver.handle(e, now);            // before Startup
 * InstanceTrackers.Update u = t.update(new TrackerStatus.UpDown("chk", false, -20, false));
 * u.events().forEach(e -> driver.handle(e, now));                       // PriorityChanged(80)
 * }</pre>
 */
public final class InstanceTrackers {

    /** What a tracker change means for the instance. */
    public record Update(List<Event> events, List<String> logLines) {
        public static final Update NONE = new Update(List.of(), List.of());
    }

    private final String tag;
    /** The configuration's priority (a reload may change it). */
    private int configuredPriority;
    /** The configured priority, or the operator's override of it (runtime control). */
    private int basePriority;
    private final Map<String, TrackerStatus> statuses = new LinkedHashMap<>();
    private EffectivePriority.Result current;

    public InstanceTrackers(String instanceName, int basePriority, List<TrackerStatus> initial) {
        this.tag = "(" + instanceName + ") ";
        this.configuredPriority = basePriority;
        this.basePriority = basePriority;
        initial.forEach(s -> statuses.put(key(s), s));
        this.current = EffectivePriority.of(basePriority, List.copyOf(statuses.values()));
    }

    public EffectivePriority.Result current() {
        return current;
    }

    /** Every tracker's latest status, in the order they were first seen (for status reports). */
    public List<TrackerStatus> statuses() {
        return List.copyOf(statuses.values());
    }

    /** The events that bring a freshly created instance in line with its trackers' first statuses. */
    public List<Event> initialEvents() {
        List<Event> events = new ArrayList<>();
        if (current.priority() != basePriority) {
            events.add(new Event.PriorityChanged(current.priority()));
        }
        if (current.fault()) {
            events.add(new Event.FaultChanged(true));
        }
        return events;
    }

    /** Records one tracker's new status; returns nothing when the effective outcome is unchanged. */
    public Update update(TrackerStatus status) {
        statuses.put(key(status), status);
        return recompute();
    }

    /**
     * Replaces the configured priority with {@code priority} (1..254), or restores it when empty:
     * runtime control's {@code set priority}. Trackers still add to it, as to a configured one.
     *
     * @throws IllegalArgumentException outside 1..254, or for an address owner (its 255 is fixed)
     */
    public Update overridePriority(java.util.OptionalInt priority) {
        if (configuredPriority == InstanceParameters.OWNER_PRIORITY) {
            throw new IllegalArgumentException("an address owner's priority is fixed at 255");
        }
        int p = priority.orElse(configuredPriority);
        if (p < 1 || p > 254) {
            throw new IllegalArgumentException("priority " + p + " is outside 1..254");
        }
        basePriority = p;
        return recompute();
    }

    /**
     * A reload's new configured priority (1..254, the old one too): it takes effect at once unless
     * the operator's override holds, which stays. Trackers still add to it. An address owner's 255
     * is part of what the instance is (RFC 5798 section 5.2.4), not something changed in place.
     *
     * @throws IllegalArgumentException outside 1..254, or for an address owner
     */
    public Update reconfigurePriority(int priority) {
        if (configuredPriority == InstanceParameters.OWNER_PRIORITY || priority < 1 || priority > 254) {
            throw new IllegalArgumentException("priority " + configuredPriority + " -> " + priority
                    + " cannot change in place (1..254 only)");
        }
        boolean overridden = basePriority != configuredPriority;
        configuredPriority = priority;
        if (!overridden) {
            basePriority = priority;
        }
        return recompute();
    }

    /**
     * A reload's successor of a running instance takes its predecessor's tracker results (a
     * script's or a file's last value, by kind and name) and the operator's priority override, so
     * that it goes on with the effective priority it had: a fresh tracker's initial value (a script
     * not run yet) would otherwise flap it. Trackers the new configuration lacks are dropped, new
     * ones keep their initial values. No events: the successor compares and applies once it resumes.
     */
    public void inherit(List<TrackerStatus> previous, java.util.OptionalInt override) {
        for (TrackerStatus s : previous) {
            statuses.computeIfPresent(key(s), (k, fresh) -> s);
        }
        if (override.isPresent() && configuredPriority != InstanceParameters.OWNER_PRIORITY) {
            basePriority = override.getAsInt();
        }
        current = EffectivePriority.of(basePriority, List.copyOf(statuses.values()));
    }

    /** The configured priority (after the last reload), without the operator's override. */
    public int configuredPriority() {
        return configuredPriority;
    }

    /** The operator's priority in place of the configured one, if any. */
    public java.util.OptionalInt priorityOverride() {
        return basePriority == configuredPriority ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(basePriority);
    }

    private Update recompute() {
        EffectivePriority.Result before = current;
        current = EffectivePriority.of(basePriority, List.copyOf(statuses.values()));
        List<Event> events = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        if (current.priority() != before.priority()) {
            // keepalived 2.2.7 vrrp_set_effective_priority()
            lines.add(tag + "Changing effective priority from " + before.priority() + " to " + current.priority());
            events.add(new Event.PriorityChanged(current.priority()));
        }
        if (current.fault() != before.fault()) {
            events.add(new Event.FaultChanged(current.fault()));
        }
        return events.isEmpty() ? Update.NONE : new Update(List.copyOf(events), List.copyOf(lines));
    }

    /** Trackers of different kinds may share a name (a script and an interface both called "eth1"). */
    private static String key(TrackerStatus s) {
        return switch (s) {
            case TrackerStatus.UpDown u -> "updown:" + u.name();
            case TrackerStatus.FileValue f -> "file:" + f.name();
        };
    }
}
