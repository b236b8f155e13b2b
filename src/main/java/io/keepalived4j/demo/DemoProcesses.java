package io.keepalived4j.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes the demo started in its namespaces, stopped by PID before the namespaces go: a
 * namespace deleted under a live process lives on, nameless, with the daemon still sending VRRP.
 */
final class DemoProcesses {

    private static final long GRACE_MILLIS = 5_000;

    private final List<Process> started = new ArrayList<>();

    synchronized Process add(Process p) {
        started.add(p);
        return p;
    }

    /**
     * SIGTERM to each live process (keepalived4j then sends priority-0 adverts and removes its
     * VIPs), SIGKILL for any still alive after the grace period.
     *
     * @return what could not be stopped, one line each
     */
    synchronized List<String> stopAll() {
        List<String> failures = new ArrayList<>();
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        for (Process p : started) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            if (p.isAlive()) {
                failures.add("process " + p.pid() + " survived SIGKILL");
            }
        }
        started.clear();
        return failures;
    }
}
