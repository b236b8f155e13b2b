package io.keepalived4j.testsupport.lab;

import io.keepalived4j.testsupport.Exec;
import io.keepalived4j.testsupport.ExecResult;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One machine of a {@link Lab}: its own network namespace whose {@code eth0} is plugged into the
 * lab's bridge, with a static IPv4 /24 and IPv6 /64 address.
 *
 * <pre>{@code
 * LabHost lb1 = lab.host("lb1");
 * lb1.exec(List.of("ping", "-c1", lab.host("lb2").address4().getHostAddress()), Duration.ofSeconds(5));
 * lb1.linkDown(); // lb1 "dies" as far as lb2 and the client can tell
 * }</pre>
 */
public final class LabHost {

    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern LLADDR = Pattern.compile("lladdr ([0-9a-fA-F:]{17})");

    private final Lab lab;
    private final String name;
    private final String namespace;
    private final String switchPort;
    private final String mac;
    private final Inet4Address address4;
    private final Inet6Address address6;

    LabHost(Lab lab, String name, String namespace, String switchPort, String mac, Inet4Address address4,
            Inet6Address address6) {
        this.lab = lab;
        this.name = name;
        this.namespace = namespace;
        this.switchPort = switchPort;
        this.mac = mac;
        this.address4 = address4;
        this.address6 = address6;
    }

    /** The short name given to {@link Lab#create}, e.g. "lb1". */
    public String name() {
        return name;
    }

    /** The network namespace, for {@code ip -n NS} or {@code ip netns exec NS}. */
    public String namespace() {
        return namespace;
    }

    /** eth0's MAC address, lower case with colons, e.g. "02:6b:a1:b2:c3:01". */
    public String mac() {
        return mac;
    }

    /** eth0's IPv4 address (prefix {@link Lab#PREFIX4}). */
    public Inet4Address address4() {
        return address4;
    }

    /** eth0's IPv6 ULA address (prefix {@link Lab#PREFIX6}), added with nodad. */
    public Inet6Address address6() {
        return address6;
    }

    public Lab lab() {
        return lab;
    }

    /** Runs {@code argv} in this host; kills it after {@code timeout}. */
    public ExecResult exec(List<String> argv, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        command.addAll(argv);
        return Exec.run(command, timeout);
    }

    /** {@code ip -n NS args...}, throwing with ip's message when it fails. */
    public String ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", namespace));
        argv.addAll(List.of(args));
        return Lab.check(argv, Exec.run(argv, IP_TIMEOUT));
    }

    /**
     * Sets eth0 administratively down: the host's death as its peers see it (no more frames
     * either way). Processes inside keep running and notice the link change (keepalived goes to
     * FAULT). IPv4 addresses stay configured; the kernel flushes the static IPv6 addresses.
     */
    public void linkDown() {
        ip("link", "set", "eth0", "down");
    }

    /** Undoes {@link #linkDown()}, re-adding the static IPv6 address the kernel flushed. */
    public void linkUp() {
        ip("link", "set", "eth0", "up");
        ip("-6", "addr", "replace", address6.getHostAddress() + "/" + Lab.PREFIX6, "dev", "eth0", "nodad");
    }

    /**
     * Detaches the host's switch port from the bridge: eth0 stays up with carrier, so the host
     * notices nothing, but no frame reaches anyone. A network partition: both sides stay alive and may both become MASTER.
     */
    public void partition() {
        lab.switchIp("link", "set", switchPort, "nomaster");
    }

    /** Plugs a {@link #partition() partitioned} host back into the bridge. */
    public void heal() {
        lab.switchIp("link", "set", switchPort, "master", lab.bridge());
    }

    /**
     * Whether {@code address} answers from this host: a TCP SYN to port 9 (discard; nobody
     * listens) that is answered within 1 s, normally by a RST. Resolves the neighbour on the way, so
     * {@link #neighbourMac} then tells which host answered. The lab has no ping installed.
     */
    public boolean reaches(InetAddress address) {
        String family = address instanceof Inet6Address ? "AF_INET6" : "AF_INET";
        ExecResult r = exec(List.of("/usr/bin/python3", "-c", """
                import errno, socket, sys
                s = socket.socket(socket.%s, socket.SOCK_STREAM)
                s.settimeout(1)
                rc = s.connect_ex((sys.argv[1], 9))
                print(errno.errorcode.get(rc, rc))
                sys.exit(0 if rc in (0, errno.ECONNREFUSED) else 1)
                """.formatted(family), address.getHostAddress()), Duration.ofSeconds(5));
        return r.ok();
    }

    /**
     * {@link #reaches} tried until it succeeds or {@code timeout} passes: right after a link or
     * port comes back, or on a loaded machine, one 1 s attempt (ARP included) may not be enough.
     */
    public boolean reachesWithin(InetAddress address, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        do {
            if (reaches(address)) {
                return true;
            }
        } while (System.nanoTime() < end);
        return false;
    }

    /** The MAC this host's neighbour table has for {@code address} on eth0, if any. */
    public Optional<String> neighbourMac(InetAddress address) {
        Matcher m = LLADDR.matcher(ip("neigh", "show", address.getHostAddress(), "dev", "eth0"));
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** The IPv4 and IPv6 addresses on any of the host's interfaces, as {@code ip -o addr} prints them. */
    public String addresses() {
        return ip("-o", "addr", "show");
    }

    @Override
    public String toString() {
        return name + "(" + namespace + ")";
    }
}
