package io.keepalived4j.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's traffic: the real servers' web servers ({@link DemoBackend} in rs1 and rs2) and the
 * client's requests and long connection ({@link DemoClient} in the client's namespace, from its
 * own source addresses), all as children of this JVM's java, reported on the timeline.
 */
final class DemoTraffic {

    private final DemoTopology topology;
    private final String vip;
    private final Timeline timeline;
    private final Map<String, Process> backends = new LinkedHashMap<>();

    DemoTraffic(DemoTopology topology, String vip, Timeline timeline) {
        this.topology = topology;
        this.vip = vip;
        this.timeline = timeline;
    }

    private static List<String> java(Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> argv = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** The client's source addresses .41 .. .(40 + n), added to its interface. */
    List<String> sources(int n) {
        List<String> out = new ArrayList<>();
        DemoHost client = topology.host("client");
        for (int i = 1; i <= n; i++) {
            String a = topology.prefix() + (40 + i);
            if (!topology.ip(client, "-4", "addr", "show", "dev", "eth0").contains(" " + a + "/")) {
                topology.ip(client, "addr", "add", a + "/24", "dev", "eth0");
            }
            out.add(a);
        }
        return out;
    }

    /** Starts {@code rs}'s web server on ports 80 and 8080 and waits until it listens. */
    void startBackend(String rs) throws InterruptedException {
        DemoHost h = topology.host(rs);
        Process p = topology.start(h, java(DemoBackend.class, rs, h.address(), "80",
                Integer.toString(SeedConfig.WEBSOCKET_PORT)));
        backends.put(rs, p);
        AtomicReference<String> first = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                first.set(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine());
            } catch (IOException e) {
                first.set("(" + e.getMessage() + ")");
            }
        });
        reader.join(20_000);
        if (!"READY".equals(first.get())) {
            throw new IllegalStateException(rs + "'s web server did not start: " + first.get());
        }
        timeline.add(rs, Timeline.Kind.PROCESS, "web server up on " + h.address() + ":80 and :" + SeedConfig.WEBSOCKET_PORT
                + " (pid " + p.pid() + ")");
    }

    /** Kills {@code rs}'s web server by PID (SIGKILL: the server just dies). */
    void killBackend(String rs) throws InterruptedException {
        Process p = backends.remove(rs);
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code n} requests from each source to VIP:port; puts "client: ..." on the timeline and
     * returns each source's answers (e.g. "rs1 rs1").
     */
    Map<String, String> requests(int port, List<String> sources, int n) throws InterruptedException {
        Process p = topology.start(topology.host("client"), java(DemoClient.class, "get", vip, Integer.toString(port),
                String.join(",", sources), Integer.toString(n)));
        Map<String, String> answers = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                int sp = line.indexOf(' ');
                if (sp > 0) {
                    answers.put(line.substring(0, sp), line.substring(sp + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.waitFor(30, TimeUnit.SECONDS);
        Map<String, Integer> count = new TreeMap<>();
        answers.values().forEach(a -> {
            for (String s : a.split(" ")) {
                count.merge(s, 1, Integer::sum);
            }
        });
        timeline.add("client", Timeline.Kind.CLIENT, (n * sources.size()) + " requests to " + vip + ":" + port
                + (sources.size() > 1 ? " from " + sources.size() + " addresses" : "") + " -> " + summary(answers, count));
        return answers;
    }

    private static String summary(Map<String, String> answers, Map<String, Integer> count) {
        if (answers.size() == 1) {
            return answers.values().iterator().next();
        }
        StringBuilder b = new StringBuilder();
        answers.forEach((src, a) -> b.append(b.isEmpty() ? "" : ", ").append(src.substring(src.lastIndexOf('.')))
                .append(": ").append(a));
        return b.toString();
    }

    /** A long-lived connection of the client (the seeds' WebSocket): which server holds it, how it goes. */
    final class Held implements AutoCloseable {
        private final Process process;
        final AtomicInteger echoes = new AtomicInteger();
        final AtomicReference<String> server = new AtomicReference<>();
        final AtomicReference<String> lost = new AtomicReference<>();

        private Held(Process process) {
            this.process = process;
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("HELD ")) {
                            server.set(line.substring(5));
                            timeline.add("client", Timeline.Kind.CLIENT, "long connection (WebSocket-style) to " + vip + ":"
                                    + SeedConfig.WEBSOCKET_PORT + " held by " + line.substring(5));
                        } else if (line.startsWith("ECHO ")) {
                            echoes.incrementAndGet();
                        } else if (line.startsWith("LOST ")) {
                            lost.set(line.substring(5));
                            timeline.add("client", Timeline.Kind.CLIENT, "long connection ended after " + echoes.get()
                                    + " echoes (" + line.substring(5) + ")");
                        }
                    }
                } catch (IOException e) {
                    lost.compareAndSet(null, e.getMessage());
                }
            });
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    Held hold(String source) throws InterruptedException {
        Held h = new Held(topology.start(topology.host("client"), java(DemoClient.class, "hold", vip,
                Integer.toString(SeedConfig.WEBSOCKET_PORT), source)));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (h.server.get() == null && h.lost.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return h;
    }
}
