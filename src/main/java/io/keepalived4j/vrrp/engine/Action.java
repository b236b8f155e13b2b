package io.keepalived4j.vrrp.engine;

/** What the driver must do after a transition, in order. */
public sealed interface Action {

    record SendAdvert(int priority) implements Action {
    }

    record AddVips() implements Action {
    }

    record RemoveVips() implements Action {
    }

    /** Gratuitous ARP / unsolicited NA: {@code count} per virtual address. */
    record GratuitousArpBurst(int count) implements Action {
    }

    record ArmTimer(TimerKind kind, long atMicros) implements Action {
    }

    record CancelTimer(TimerKind kind) implements Action {
    }

    record StateChanged(VrrpState from, VrrpState to) implements Action {
    }

    /**
     * A MASTER answered a lower-priority advert (keepalived's MASTER_RX_LOWER_PRI event, which runs
     * notify_master_rx_lower_pri and writes a FIFO line).
     */
    record LowerPriorityHeard(java.net.InetAddress source, int priority) implements Action {
    }

    /**
     * Every member of sync group {@code group} is now in {@code state}: keepalived's group
     * notifications (notify scripts, FIFO line {@code GROUP "G" MASTER 0}, mail), sent after the
     * members' own (vrrp_sync.c). Performed as an action of the member whose change completed it.
     */
    record GroupStateChanged(String group, VrrpState state) implements Action {
    }

    /**
     * The instance's effective priority changed (a tracker): keepalived's MASTER_PRIORITY /
     * BACKUP_PRIORITY FIFO line with notify_priority_changes.
     */
    record EffectivePriorityChanged(int from, int to) implements Action {
    }

    /**
     * A log line in keepalived's wording; {@code detail} lines are those keepalived prints only with
     * {@code -D/--log-detail}.
     */
    record Log(String line, boolean detail) implements Action {
        public Log(String line) {
            this(line, false);
        }

        /** A line keepalived prints only with -D. */
        public static Log detail(String line) {
            return new Log(line, true);
        }
    }
}
