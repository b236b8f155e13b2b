package io.keepalived4j.os;

/** Child-JVM main for {@link RealtimeSchedulingTest}: tries SCHED_RR 10 and prints the outcome. */
public final class RealtimeSchedulingProbe {

    private RealtimeSchedulingProbe() {
    }

    public static void main(String[] args) throws Exception {
        SchedulingResult r = RealtimeScheduling.setCurrentThread(SchedulingPolicy.RR, 10);
        System.out.println("STATUS=" + r.status());
        System.out.println("MESSAGE=" + r.message());
        System.out.println("NOW=" + RealtimeScheduling.currentThread());
    }
}
