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

    /** A log line in keepalived's wording. */
    record Log(String line) implements Action {
    }
}
