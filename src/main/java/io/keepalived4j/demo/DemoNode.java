package io.keepalived4j.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * keepalived4j on one load balancer: {@code ip netns exec NS java -cp ... Main -n -l -D -G
 * --data-plane proxy -f CONF}, i.e. this very JVM's java and class path, so the demo runs the build
 * it ships in: VRRP, the health checkers and the userspace proxy. Its log is followed for
 * keepalived's "(VI_1) Entering MASTER STATE" and "Removing/Adding service" lines.
 */
final class DemoNode {

    private static final Pattern STATE = Pattern.compile("\\((\\S+)\\) Entering (MASTER|BACKUP|FAULT) STATE");
    private static final Pattern POOL = Pattern.compile("(Removing|Adding) service (\\S+) (?:from|to) VS (\\S+)");
    private static final int TAIL_LINES = 40;

    private final DemoTopology topology;
    private final DemoHost host;
    private final Path config;
    private final Timeline timeline;
    private final Deque<String> tail = new ArrayDeque<>();
    private Process process;

    DemoNode(DemoTopology topology, DemoHost host, Path config, Timeline timeline) {
        this.topology = topology;
        this.host = host;
        this.config = config;
        this.timeline = timeline;
    }

    /** The daemon's command line, without the {@code ip netns exec NS} prefix. */
    static List<String> command(Path config) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Pid files beside the config: the nodes share this machine's /run, and a daemon refuses to
        // start while "its" pid file names a live process (as keepalived does).
        String base = config.toString().replaceFirst("\\.conf$", "");
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.keepalived4j.cli.Main",
                "-n", "-l", "-D", "-G", "--data-plane", "proxy", "-f", config.toString(), "-p", base + ".pid",
                "-r", base + ".vrrp.pid", "-c", base + ".checkers.pid",
                // Each node its own control socket (keepalived4j ctl --socket BASE.sock), not /run's.
                "--control-socket", base + ".sock");
    }

    synchronized void start() {
        Process p = topology.start(host, command(config));
        process = p;
        timeline.add(host.name(), Timeline.Kind.PROCESS, "keepalived4j started (pid " + p.pid() + ")");
        Thread.ofVirtual().name("k4j-demo-log-" + host.name()).start(() -> follow(p));
    }

    /** SIGTERM by PID and wait: keepalived4j sends priority-0 adverts and removes the VIP. */
    void terminate() throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private void follow(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                keep(line);
                Matcher m = STATE.matcher(line);
                if (m.find()) {
                    timeline.add(host.name(), Timeline.Kind.STATE, m.group(2));
                }
                Matcher pool = POOL.matcher(line);
                if (pool.find()) {
                    timeline.add(host.name(), Timeline.Kind.POOL, (pool.group(1).equals("Removing") ? "removed " : "added ")
                            + pool.group(2) + (pool.group(1).equals("Removing") ? " from " : " to ") + pool.group(3));
                }
            }
        } catch (IOException e) {
            keep("(log stream: " + e.getMessage() + ")");
        }
        try {
            int status = p.waitFor();
            timeline.add(host.name(), Timeline.Kind.PROCESS, "keepalived4j exited (" + signalName(status) + "status " + status + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // 128 + n: how the JVM (after its shutdown hooks) or the kernel reports death by signal n.
    private static String signalName(int status) {
        return switch (status) {
            case 130 -> "SIGINT, ";
            case 137 -> "SIGKILL, ";
            case 143 -> "SIGTERM, ";
            default -> "";
        };
    }

    private synchronized void keep(String line) {
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    /** The last lines of the daemon's output, for a failure report. */
    synchronized String tail() {
        return String.join("\n", tail);
    }

    /** The running daemon's PID, or -1. */
    synchronized long pid() {
        return process == null || !process.isAlive() ? -1 : process.pid();
    }

    String name() {
        return host.name();
    }
}
