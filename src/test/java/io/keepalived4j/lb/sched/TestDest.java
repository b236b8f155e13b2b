package io.keepalived4j.lb.sched;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.StringJoiner;

/** A destination whose counters a test sets; it prints as its name. */
final class TestDest implements SchedDest {

    final String name;
    private final InetAddress address;
    private final int port;
    volatile int weight;
    volatile int active;
    volatile int inactive;
    volatile boolean overloaded;

    private TestDest(String name, InetAddress address, int port, int weight) {
        this.name = name;
        this.address = address;
        this.port = port;
        this.weight = weight;
    }

    static TestDest of(String name, String ip, int port, int weight) {
        return new TestDest(name, ip(ip), port, weight);
    }

    /** {@code name} at 10.0.0.{n}:80 with {@code weight}. */
    static TestDest of(String name, int n, int weight) {
        return of(name, "10.0.0." + n, 80, weight);
    }

    TestDest conns(int activeConns, int inactiveConns) {
        this.active = activeConns;
        this.inactive = inactiveConns;
        return this;
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static SchedRequest from(String client, int clientPort) {
        return new SchedRequest(ip(client), clientPort, ip("192.0.2.1"), 80);
    }

    static SchedRequest to(String virtualAddress) {
        return new SchedRequest(ip("198.51.100.7"), 40000, ip(virtualAddress), 80);
    }

    static final SchedRequest ANY = from("198.51.100.7", 40000);

    /** {@code n} picks as names separated by spaces, "-" for none. */
    static String picks(Scheduler<TestDest> s, int n) {
        return picks(s, n, ANY);
    }

    static String picks(Scheduler<TestDest> s, int n, SchedRequest r) {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < n; i++) {
            j.add(name(s.pick(r)));
        }
        return j.toString();
    }

    static String name(Optional<TestDest> d) {
        return d.map(x -> x.name).orElse("-");
    }

    @Override
    public InetAddress address() {
        return address;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int weight() {
        return weight;
    }

    @Override
    public int activeConns() {
        return active;
    }

    @Override
    public int inactiveConns() {
        return inactive;
    }

    @Override
    public boolean overloaded() {
        return overloaded;
    }

    @Override
    public String toString() {
        return name;
    }
}
