package io.keepalived4j.daemon.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.RtNetlink;
import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;
import java.nio.file.Path;
import java.util.List;

/**
 * A test namespace, an {@link RtNetlink} inside it, and {@code ip} there to see what the kernel
 * really holds, independently of the netlink decoding under test.
 */
final class NetFixture implements AutoCloseable {

    final NetNs ns;
    final RtNetlink rt;

    private NetFixture(NetNs ns, RtNetlink rt) {
        this.ns = ns;
        this.rt = rt;
    }

    static NetFixture create(String purpose) throws NetlinkException {
        Root.assumeRootOrFailOnCi();
        NetNs ns = NetNs.create(purpose);
        try {
            return new NetFixture(ns, RtNetlink.openInNamespace(netnsFile(ns)));
        } catch (NetlinkException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    static Path netnsFile(NetNs ns) {
        return Path.of("/run/netns", ns.name());
    }

    /** {@code ip ARGS} in the namespace; asserts success and returns stdout. */
    String ip(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ip";
        System.arraycopy(args, 0, argv, 1, args.length);
        ExecResult r = ns.exec(argv);
        assertThat(r.ok()).as("ip %s: %s", String.join(" ", args), r).isTrue();
        return r.stdout();
    }

    /** Every address, route and rule of the namespace, one per line, for before/after diffs. */
    List<String> everything() {
        return List.of(ip("-o", "addr"), ip("route", "show", "table", "all"), ip("-6", "route", "show", "table", "all"),
                ip("rule"), ip("-6", "rule")).stream().flatMap(String::lines)
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
