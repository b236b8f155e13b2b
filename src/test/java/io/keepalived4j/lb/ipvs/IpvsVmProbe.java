package io.keepalived4j.lb.ipvs;

import io.keepalived4j.os.netlink.AddressFamily;
import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsFlags;
import io.keepalived4j.os.netlink.IpvsForwarding;
import io.keepalived4j.os.netlink.IpvsProtocol;
import io.keepalived4j.os.netlink.IpvsService;
import io.keepalived4j.os.netlink.IpvsServiceKey;
import io.keepalived4j.os.netlink.IpvsSyncDaemon;
import io.keepalived4j.os.netlink.IpvsTimeouts;
import io.keepalived4j.os.netlink.IpvsTunnel;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Runs in the IPVS VM's guest ({@link IpvsKernelVmTest}): drives the guest kernel's IPVS through
 * {@link GenlIpvsKernel}, the back end's own netlink client, and prints what it reads.
 * <ul>
 * <li>{@code program}: every kind of entry the back end creates (TCP/UDP/SCTP/fwmark, IPv4/IPv6, DR/NAT/TUN
 * with GUE, scheduler flags, persistence with granularity, one-packet, thresholds), edits and
 * deletions, the timeouts and both sync daemons;</li>
 * <li>{@code read}: the timeouts and the sync daemons as the back end decodes them;</li>
 * <li>{@code stop-daemons}: stops both sync daemons.</li>
 * </ul>
 */
public final class IpvsVmProbe {

    private IpvsVmProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (GenlIpvsKernel k = GenlIpvsKernel.open()) {
            switch (args[0]) {
                case "program" -> program(k);
                case "read" -> {
                    IpvsTimeouts t = k.timeouts();
                    System.out.println("TIMEOUTS " + t.tcp() + " " + t.tcpFin() + " " + t.udp());
                    for (IpvsSyncDaemon d : k.daemons()) {
                        System.out.println("DAEMON " + d.state() + " " + d.interfaceName() + " " + d.syncId() + " "
                                + d.maxLength() + " " + d.multicastPort() + " " + d.multicastTtl() + " "
                                + d.multicastGroup().map(InetAddress::getHostAddress).orElse("-"));
                    }
                }
                case "stop-daemons" -> {
                    k.stopDaemon(IpvsSyncDaemon.State.MASTER, 0);
                    k.stopDaemon(IpvsSyncDaemon.State.BACKUP, 0);
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
            System.out.println("PROBE ok");
        } catch (IpvsException e) {
            System.out.println("PROBE failed: errno " + e.errno() + " " + e.getMessage());
            System.exit(1);
        }
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static IpvsDestination dest(String address, int port, IpvsForwarding f, int weight) throws Exception {
        return new IpvsDestination(ip(address), port, f, weight, 0, 0, Optional.empty());
    }

    private static void program(GenlIpvsKernel k) throws Exception {
        IpvsService web = IpvsService.of(IpvsServiceKey.of(IpvsProtocol.TCP, ip("10.77.0.1"), 80), "wrr")
                .persistent(300).withGranularity(24);
        IpvsService dns = IpvsService.of(IpvsServiceKey.of(IpvsProtocol.UDP, ip("10.77.0.1"), 53), "sh")
                .withFlags(new IpvsFlags(IpvsFlags.SCHED_PORT | IpvsFlags.SCHED_FALLBACK | IpvsFlags.ONEPACKET, 0xffffffff));
        IpvsService mark = IpvsService.of(IpvsServiceKey.fwmark(AddressFamily.AF_INET, 9), "rr");
        IpvsService mark6 = IpvsService.of(IpvsServiceKey.fwmark(AddressFamily.AF_INET6, 10), "mh")
                .withFlags(new IpvsFlags(IpvsFlags.SCHED_FALLBACK, 0xffffffff));
        IpvsService v6 = IpvsService.of(IpvsServiceKey.of(IpvsProtocol.TCP, ip("2001:db8:77::1"), 443), "wlc")
                .persistent(60).withGranularity(64);
        IpvsService sctp = IpvsService.of(IpvsServiceKey.of(IpvsProtocol.SCTP, ip("10.77.0.2"), 3868), "nq");
        IpvsService gone = IpvsService.of(IpvsServiceKey.of(IpvsProtocol.TCP, ip("10.77.0.9"), 8080), "lc");
        List<IpvsCommand> plan = List.of(
                new IpvsCommand.NewService(web),
                new IpvsCommand.NewDestination(web, dest("10.77.1.1", 80, IpvsForwarding.ROUTE, 3)),
                new IpvsCommand.NewDestination(web, new IpvsDestination(ip("10.77.1.2"), 8080, IpvsForwarding.MASQ, 1,
                        100, 50, Optional.empty())),
                new IpvsCommand.NewDestination(web, dest("10.77.1.3", 80, IpvsForwarding.ROUTE, 1)),
                new IpvsCommand.SetDestination(web, dest("10.77.1.1", 80, IpvsForwarding.ROUTE, 0)), // inhibited
                new IpvsCommand.DeleteDestination(web, dest("10.77.1.3", 80, IpvsForwarding.ROUTE, 1)),
                new IpvsCommand.NewService(dns),
                new IpvsCommand.NewDestination(dns, dest("10.77.2.1", 53, IpvsForwarding.MASQ, 2)),
                new IpvsCommand.NewService(mark),
                new IpvsCommand.NewDestination(mark, new IpvsDestination(ip("10.77.3.1"), 0, IpvsForwarding.TUNNEL, 5, 0, 0,
                        Optional.of(IpvsTunnel.gue(6080, 0)))),
                new IpvsCommand.NewService(mark6),
                new IpvsCommand.NewDestination(mark6, dest("2001:db8:77::21", 0, IpvsForwarding.ROUTE, 1)),
                new IpvsCommand.NewService(v6),
                new IpvsCommand.NewDestination(v6, dest("2001:db8:77::31", 443, IpvsForwarding.MASQ, 7)),
                new IpvsCommand.NewService(sctp),
                new IpvsCommand.NewDestination(sctp, dest("10.77.4.1", 3868, IpvsForwarding.MASQ, 1)),
                new IpvsCommand.NewService(gone),
                new IpvsCommand.SetService(IpvsService.of(gone.key(), "sed")),
                new IpvsCommand.DeleteService(gone));
        for (IpvsCommand c : plan) {
            k.apply(c);
        }
        // The kernel refuses a second NEW_SERVICE with EEXIST, and the back end reports it so.
        try {
            k.apply(new IpvsCommand.NewService(web));
            System.out.println("EEXIST missing");
        } catch (IpvsException e) {
            System.out.println("REFUSED errno " + e.errno());
        }
        k.setTimeouts(new IpvsTimeouts(600, 60, 120));
        k.startDaemon(IpvsSyncDaemon.of(IpvsSyncDaemon.State.MASTER, "sync0", 9));
        k.startDaemon(IpvsSyncDaemon.of(IpvsSyncDaemon.State.BACKUP, "sync0", 9)
                .withMulticast(ip("239.7.7.7"), 8849, 2));
        System.out.println("ROWS " + k.list().size());
    }
}
