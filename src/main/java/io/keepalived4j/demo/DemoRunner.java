package io.keepalived4j.demo;

import io.keepalived4j.demo.Timeline.Event;
import io.keepalived4j.demo.Timeline.Kind;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The scripted demo: seed 004's two directors elect a master and balance the client's requests
 * over two real servers (seed 004's rr with HTTP_GET checks on port 80, seed 001's wrr with
 * source-IP persistence on port 8080); a real server dies and comes back while a long connection
 * to the other one keeps going; the master loses its cable and the backup takes the VIP and the
 * persistent clients over to the same real servers; then preemption, a graceful stop and a
 * restart. The timeline shows every state change, who holds the VIP, whom the client's ARP finds,
 * which real server answered which request, and the pool changes; then a summary of the measured
 * times, and everything removed.
 *
 * <pre>{@code
 * int status = DemoRunner.run(out, false);   // 0: every step happened in time
 * }</pre>
 */
public final class DemoRunner {

    /** Generous: two JVMs start on a loaded machine; the protocol needs ~4 s per takeover. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final DemoTopology topology;
    private final Timeline timeline;
    private final String vip;
    private final List<String> summary = new ArrayList<>();

    private DemoRunner(DemoTopology topology, Timeline timeline) {
        this.topology = topology;
        this.timeline = timeline;
        this.vip = topology.prefix() + "100";
    }

    /**
     * Builds the topology, runs the script (and stays until interrupted with {@code keepRunning}),
     * removes everything.
     *
     * @return 0 when every expected takeover happened, 1 otherwise
     */
    public static int run(PrintWriter out, boolean keepRunning) throws InterruptedException {
        Timeline timeline = new Timeline(out);
        try (DemoTopology topology = DemoTopology.create()) {
            return new DemoRunner(topology, timeline).script(keepRunning);
        } finally {
            timeline.note("demo: namespaces, veths, bridge, VIP and processes removed.");
        }
    }

    private int script(boolean keepRunning) throws InterruptedException {
        DemoHost lb1 = topology.host("lb1");
        DemoHost lb2 = topology.host("lb2");
        Path dir = topology.workDir();
        DemoSetup.realServers(topology, vip);
        timeline.note(DemoSetup.describe(topology, vip));
        DemoTraffic traffic = new DemoTraffic(topology, vip, timeline);
        traffic.startBackend("rs1");
        traffic.startBackend("rs2");
        DemoNode node1 = new DemoNode(topology, lb1, write(dir, "lb1.conf", SeedConfig.master(topology.prefix())), timeline);
        DemoNode node2 = new DemoNode(topology, lb2, write(dir, "lb2.conf", SeedConfig.backup(topology.prefix())), timeline);
        ClientProbe client = new ClientProbe(topology, List.of(lb1, lb2), vip, timeline);
        try (VipPoller poller = new VipPoller(topology, List.of(lb1, lb2), vip, timeline)) {
            boolean ok = scenes(lb1, node1, node2, client, traffic);
            printSummary(ok);
            if (keepRunning) {
                timeline.note("demo: --keep-running: the nodes keep running; press Ctrl-C (or kill -INT/-TERM "
                        + ProcessHandle.current().pid() + ") to stop and clean up."
                        + (SignalCheck.sigintIgnored() ? " SIGINT is ignored in this process (started in the background?): use kill -TERM." : ""));
                Thread.currentThread().join();
            }
            return ok ? 0 : 1;
        }
    }

    /**
     * Election, load balancing (a real server lost and back), host death with the persistent
     * clients kept, preemption, graceful stop, restart; stops at the first that does not happen.
     */
    private boolean scenes(DemoHost lb1, DemoNode node1, DemoNode node2, ClientProbe client, DemoTraffic traffic)
            throws InterruptedException {
        int mark = timeline.mark();
        node1.start();
        node2.start();
        boolean ok = measure("election (lb1 MASTER with the VIP)", mark, Timeline.is("lb1", Kind.VIP_ADDED), node1, node2)
                && await(mark, Timeline.state("lb2", "BACKUP"), "lb2 BACKUP", node1, node2);
        ok = ok && settle(client);
        List<String> sources = ok ? traffic.sources(5) : List.of();
        try (DemoTraffic.Held held = ok ? traffic.hold(sources.get(4)) : null) {
            ok = ok && balancing(traffic, sources.subList(0, 4), held, node1, node2);
            Map<String, String> persistent = ok ? traffic.requests(SeedConfig.WEBSOCKET_PORT, sources.subList(0, 4), 2)
                    : Map.of();
            ok = ok && step(">> lb1's cable pulled at the switch (host death)", () -> topology.cable(lb1, false),
                    "failover (lb2 takes the VIP)", Timeline.is("lb2", Kind.VIP_ADDED), node1, node2) && settle(client);
            ok = ok && persistenceKept(traffic, persistent);
        }
        ok = ok && step(">> lb1's cable plugged back in", () -> topology.cable(lb1, true),
                "preemption (lb1 takes the VIP back)", Timeline.is("lb1", Kind.VIP_ADDED), node1, node2) && settle(client);
        ok = ok && step(">> SIGTERM to keepalived4j on lb1 (pid " + node1.pid() + "): graceful stop", node1::terminate,
                "graceful stop (lb2 takes the VIP within Skew_Time)", Timeline.is("lb2", Kind.VIP_ADDED), node1, node2)
                && settle(client);
        return ok && step(">> restarting keepalived4j on lb1", node1::start,
                "restart (lb1 preempts)", Timeline.is("lb1", Kind.VIP_ADDED), node1, node2) && settle(client);
    }

    /**
     * The userspace proxy on lb1: requests spread by rr, persistent sources keep their servers, a
     * long connection; the other real server's web server is killed (the checks take it out, the
     * long connection goes on) and restarted (the checks put it back).
     */
    private boolean balancing(DemoTraffic traffic, List<String> sources, DemoTraffic.Held held, DemoNode... nodes)
            throws InterruptedException {
        List<String> one = List.of(topology.host("client").address());
        boolean spread = servers(traffic.requests(80, one, 4)).size() == 2;
        check(spread, "requests to port 80 spread over rs1 and rs2 (rr)");
        Map<String, String> sticky = traffic.requests(SeedConfig.WEBSOCKET_PORT, sources, 3);
        boolean kept = sticky.values().stream().allMatch(a -> servers(Map.of("", a)).size() == 1);
        check(kept, "each source kept its real server on port " + SeedConfig.WEBSOCKET_PORT + " (persistence)");
        if (held.server.get() == null) {
            check(false, "a long connection was held");
            return false;
        }
        String survivor = held.server.get();
        String victim = survivor.equals("rs1") ? "rs2" : "rs1";
        String victimAddress = topology.host(victim).address();
        boolean ok = spread && kept
                && step(">> " + victim + "'s web server killed (SIGKILL)", () -> traffic.killBackend(victim),
                "health check takes " + victim + " out (HTTP_GET)", e -> e.node().equals("lb1") && e.kind() == Kind.POOL
                        && e.text().startsWith("removed [" + victimAddress + "]:tcp:80 "), nodes);
        if (!ok) {
            return false;
        }
        boolean onlySurvivor = servers(traffic.requests(80, one, 4)).equals(java.util.Set.of(survivor));
        check(onlySurvivor, "with " + victim + " out, every request reaches " + survivor);
        int before = held.echoes.get();
        Thread.sleep(1000);
        boolean alive = held.echoes.get() > before && held.lost.get() == null;
        timeline.add("client", Kind.CLIENT, "the long connection to " + survivor + (alive ? " kept echoing" : " STOPPED")
                + " while " + victim + " was out (" + held.echoes.get() + " echoes so far)");
        check(alive, "a long connection to " + survivor + " untouched by " + victim + "'s failure");
        ok = onlySurvivor && alive
                && step(">> " + victim + "'s web server restarted", () -> traffic.startBackend(victim),
                "health check puts " + victim + " back", e -> e.node().equals("lb1") && e.kind() == Kind.POOL
                        && e.text().startsWith("added [" + victimAddress + "]:tcp:80 "), nodes);
        if (!ok) {
            return false;
        }
        boolean again = servers(traffic.requests(80, one, 4)).size() == 2;
        check(again, "requests spread over both again");
        return again;
    }

    /** After the failover: the persistent sources reach the same real servers through lb2. */
    private boolean persistenceKept(DemoTraffic traffic, Map<String, String> before) throws InterruptedException {
        List<String> sources = new ArrayList<>(before.keySet());
        Map<String, String> after = traffic.requests(SeedConfig.WEBSOCKET_PORT, sources.reversed(), 2);
        long same = sources.stream().filter(s -> servers(Map.of("", before.get(s))).equals(
                servers(Map.of("", after.getOrDefault(s, "-"))))).count();
        timeline.add("client", Kind.CLIENT, same + " of " + sources.size()
                + " persistent sources reached the same real server through lb2 (templates synced by lvs_sync_daemon)");
        check(same == sources.size(), "persistence across the failover (" + same + "/" + sources.size() + ")");
        return same == sources.size();
    }

    private static java.util.Set<String> servers(Map<String, String> answers) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        answers.values().forEach(a -> out.addAll(List.of(a.split(" "))));
        return out;
    }

    private void check(boolean ok, String what) {
        summary.add(String.format(Locale.ROOT, "  %-52s %s", what, ok ? "yes" : "did NOT happen"));
    }

    /** An action the script performs; may block (SIGTERM waits for the exit). */
    @FunctionalInterface
    private interface Action {
        void run() throws InterruptedException;
    }

    private boolean step(String what, Action action, String label, Predicate<Event> effect, DemoNode... nodes)
            throws InterruptedException {
        int mark = timeline.mark();
        timeline.add("demo", Kind.ACTION, what);
        action.run();
        return measure(label, mark, effect, nodes);
    }

    /** Waits for {@code effect} after {@code mark} (the action's event) and records the time it took. */
    private boolean measure(String label, int mark, Predicate<Event> effect, DemoNode... nodes) throws InterruptedException {
        double from = timeline.await(mark, Duration.ZERO, e -> true).map(Event::seconds).orElse(0.0);
        Optional<Event> seen = timeline.await(mark, STEP_TIMEOUT, effect);
        if (seen.isEmpty()) {
            summary.add(String.format(Locale.ROOT, "  %-52s did NOT happen within %d s", label, STEP_TIMEOUT.toSeconds()));
            reportLogs(nodes);
            return false;
        }
        summary.add(String.format(Locale.ROOT, "  %-52s %5.1f s", label, seen.get().seconds() - from));
        return true;
    }

    private boolean await(int mark, Predicate<Event> what, String label, DemoNode... nodes) throws InterruptedException {
        if (timeline.await(mark, STEP_TIMEOUT, what).isPresent()) {
            return true;
        }
        summary.add("  " + label + " did NOT happen within " + STEP_TIMEOUT.toSeconds() + " s");
        reportLogs(nodes);
        return false;
    }

    /** Lets a few adverts go by, then shows whom the client reaches. */
    private boolean settle(ClientProbe client) throws InterruptedException {
        Thread.sleep(SETTLE);
        client.probe();
        return true;
    }

    private void reportLogs(DemoNode... nodes) {
        for (DemoNode n : nodes) {
            timeline.note("--- last lines of keepalived4j on " + n.name() + " ---\n" + n.tail());
        }
    }

    private void printSummary(boolean ok) {
        timeline.note("");
        timeline.note("Summary (times from the action to the VIP on the new holder, polled every 100 ms, or to the");
        timeline.note("  pool change in the director's log):");
        summary.forEach(timeline::note);
        timeline.note("  expected (RFC 5798 6.1, advert_int 1 s): failover ~ Master_Down_Interval(lb2) = 3 + (256 - 50) / 256 = 3.8 s;");
        timeline.note("    preemption and restart ~ Master_Down_Interval(lb1) = 3 + (256 - 100) / 256 = 3.6 s (lb1 starts as BACKUP);");
        timeline.note("    graceful stop ~ Skew_Time(lb2) = 0.8 s (lb1's priority-0 advert ends the wait).");
        timeline.note("  health checks (seed 004's HTTP_GET): out within delay_loop 6 + retry 3 x delay_before_retry 3 = 15 s,");
        timeline.note("    back at the next check (delay_loop 6 s).");
        timeline.note(ok ? "demo: election, load balancing, failover with persistence, recovery all seen."
                : "demo: FAILED (see above).");
    }

    private static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }
}
