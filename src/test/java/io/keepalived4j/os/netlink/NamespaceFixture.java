package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A test namespace plus an {@link RtNetlink} bound inside it, and {@code ip} commands there to
 * check what the kernel really did, independently of this package's own decoding.
 */
public final class NamespaceFixture implements AutoCloseable {

    public final NetNs ns;
    public final RtNetlink rt;

    private NamespaceFixture(NetNs ns, RtNetlink rt) {
        this.ns = ns;
        this.rt = rt;
    }

    public static NamespaceFixture create(String purpose) throws NetlinkException {
        Root.assumeRootOrFailOnCi();
        NetNs ns = NetNs.create(purpose);
        try {
            return new NamespaceFixture(ns, RtNetlink.openInNamespace(netnsFile(ns)));
        } catch (NetlinkException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    public static Path netnsFile(NetNs ns) {
        return Path.of("/run/netns", ns.name());
    }

    public Path netnsFile() {
        return netnsFile(ns);
    }

    /** {@code ip ARGS} inside the namespace; asserts it succeeded and returns its stdout. */
    public String ip(String... args) {
        ExecResult r = ipResult(args);
        assertThat(r.ok()).as("ip %s: %s", String.join(" ", args), r).isTrue();
        return r.stdout();
    }

    ExecResult ipResult(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ip";
        System.arraycopy(args, 0, argv, 1, args.length);
        return ns.exec(argv);
    }

    /** The ifindex as {@code ip -o link} prints it ("3: eth1@if12: ..."). */
    int ifindex(String name) {
        String line = ip("-o", "link", "show", "dev", name);
        return Integer.parseInt(line.substring(0, line.indexOf(':')));
    }

    /** A fresh k4j-prefixed interface name (kernel limit 15 characters). */
    static String randomName(String kind) {
        return "k4j" + kind + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24), 6);
    }

    /** Every address, route and rule of the namespace, one per line, for before/after diffs. */
    public java.util.List<String> everything() {
        return java.util.List.of(ip("-o", "addr"), ip("route", "show", "table", "all"),
                ip("-6", "route", "show", "table", "all"), ip("rule"), ip("-6", "rule")).stream()
                .flatMap(String::lines)
                // IPv6 lifetimes count down on some addresses; the rest of the line is what matters.
                .map(l -> l.replaceAll("valid_lft \\S+ preferred_lft \\S+", "")).toList();
    }

    @Override
    public void close() {
        try {
            rt.close();
        } finally {
            ns.close();
        }
    }
}
