package io.keepalived4j.vrrp.engine;

import java.net.InetAddress;

/** What can happen to an instance. Adverts arrive already validated (see vrrp.codec.AdvertValidator). */
public sealed interface Event {

    record Startup() implements Event {
    }

    record Shutdown() implements Event {
    }

    /** A valid advertisement for our VRID. */
    record AdvertReceived(InetAddress source, int priority, int advertIntervalCentis) implements Event {
    }

    record TimerExpired(TimerKind kind) implements Event {
    }

    /** A tracker changed our effective priority (never for an address owner). */
    record PriorityChanged(int effectivePriority) implements Event {
    }

    /** The instance's sync group moves it to MASTER, BACKUP or FAULT with another member. */
    record GroupForced(VrrpState target) implements Event {
    }

    /** An unweighted tracker or our interface failed ({@code true}) or recovered. */
    record FaultChanged(boolean faulty) implements Event {
    }

    /**
     * An operator put the instance in maintenance ({@code true}: leave MASTER with a priority-0
     * advert, stay BACKUP, never take over) or released it (runtime control).
     */
    record MaintenanceChanged(boolean on) implements Event {
    }
}
