package io.keepalived4j.lb.ipvs;

import io.keepalived4j.os.netlink.AddressFamily;
import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsDestinationEntry;
import io.keepalived4j.os.netlink.IpvsFlags;
import io.keepalived4j.os.netlink.IpvsForwarding;
import io.keepalived4j.os.netlink.IpvsProtocol;
import io.keepalived4j.os.netlink.IpvsReplies;
import io.keepalived4j.os.netlink.IpvsService;
import io.keepalived4j.os.netlink.IpvsServiceKey;
import io.keepalived4j.os.netlink.NetlinkMessage;
import io.keepalived4j.testsupport.NetlinkCapture;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IpvsReconcilerTest {

    private static InetAddress ip(String a) {
        return InetAddress.ofLiteral(a);
    }

    private static IpvsService wrr(String vip, int timeout) {
        return new IpvsService(new IpvsServiceKey.Endpoint(IpvsProtocol.TCP, ip(vip), 80), "wrr",
                new IpvsFlags(timeout > 0 ? IpvsFlags.PERSISTENT : 0, 0xffffffff), timeout, 0xffffffff, Optional.empty());
    }

    private static IpvsTable table(IpvsService s, IpvsDestination... dests) {
        Map<InetSocketAddress, IpvsDestination> m = new LinkedHashMap<>();
        for (IpvsDestination d : dests) {
            m.put(new InetSocketAddress(d.address(), d.port()), d);
        }
        return new IpvsTable(Map.of(s.key(), new IpvsTable.Entry(s, m)));
    }

    private static IpvsTable merge(IpvsTable a, IpvsTable b) {
        Map<IpvsServiceKey, IpvsTable.Entry> m = new LinkedHashMap<>(a.services());
        m.putAll(b.services());
        return new IpvsTable(m);
    }

    private static final IpvsDestination RS1 = IpvsDestination.of(ip("10.0.0.21"), 80, IpvsForwarding.ROUTE, 3);
    private static final IpvsDestination RS2 = IpvsDestination.of(ip("10.0.0.22"), 80, IpvsForwarding.ROUTE, 1);

    @Test
    void anEmptyKernelGetsTheServiceThenItsDestinations() {
        IpvsService s = wrr("10.0.0.1", 3600);
        assertThat(IpvsReconciler.plan(IpvsTable.EMPTY, table(s, RS1, RS2), Set.of())).containsExactly(
                new IpvsCommand.NewService(s), new IpvsCommand.NewDestination(s, RS1),
                new IpvsCommand.NewDestination(s, RS2));
    }

    @Test
    void whatTheRealKernelReportsForTheWantedTableNeedsNoCommand() {
        // The 6.1 kernel's answers to ipvsadm -Ln -t 10.0.0.1:80 after ipvsadm made that service
        // (-s wrr -p 3600) with 10.0.0.21:80 (-g -w 3) and 10.0.0.22:8080 (-m, edited to -w 0).
        List<NetlinkCapture.Message> capture = NetlinkCapture.read(Path.of("src/test/resources/ipvs/ipvsadm-1.31.capture"));
        String cmd = "ipvsadm -Ln -t 10.0.0.1:80";
        IpvsService kernelService = capture.stream().filter(m -> !m.sent() && m.command().equals(cmd) && m.type() == 0x20
                && m.genlCommand() == 1).map(IpvsReconcilerTest::message).map(IpvsReplies::service).findFirst()
                .orElseThrow().service();
        List<IpvsDestination> kernelDests = capture.stream().filter(m -> !m.sent() && m.command().equals(cmd)
                        && m.type() == 0x20 && m.genlCommand() == 5).map(IpvsReconcilerTest::message)
                .map(m -> IpvsReplies.destination(m, AddressFamily.AF_INET)).map(IpvsDestinationEntry::destination).toList();
        IpvsTable current = table(kernelService, kernelDests.toArray(IpvsDestination[]::new));
        IpvsTable wanted = table(wrr("10.0.0.1", 3600), RS1,
                IpvsDestination.of(ip("10.0.0.22"), 8080, IpvsForwarding.MASQ, 0));
        assertThat(IpvsReconciler.plan(current, wanted, Set.of())).isEmpty();
    }

    private static NetlinkMessage message(NetlinkCapture.Message m) {
        byte[] b = m.bytes(1, 1);
        return NetlinkMessage.parseAll(b, b.length).getFirst();
    }

    @Test
    void changesAreEditedInPlaceAndOnlyWhatChangedIsSent() {
        IpvsService s = wrr("10.0.0.1", 3600);
        IpvsTable current = table(s, RS1, RS2);
        // The checker quiesced RS2 (inhibit_on_failure) and RS1 left the configuration.
        IpvsTable wanted = table(s, RS2.withWeight(0));
        assertThat(IpvsReconciler.plan(current, wanted, Set.of(s.key()))).containsExactly(
                new IpvsCommand.DeleteDestination(s, RS1), new IpvsCommand.SetDestination(s, RS2.withWeight(0)));
        // A new persistence timeout: SET_SERVICE keeps the connections (no delete and re-create).
        IpvsService longer = wrr("10.0.0.1", 7200);
        assertThat(IpvsReconciler.plan(current, table(longer, RS1, RS2), Set.of(s.key())))
                .containsExactly(new IpvsCommand.SetService(longer));
    }

    @Test
    void entriesOthersMadeAreLeftAloneAndOursAreRemovedWhenNoLongerWanted() {
        IpvsService ours = wrr("10.0.0.1", 0);
        IpvsService theirs = wrr("10.0.0.9", 0);
        IpvsService gone = wrr("10.0.0.5", 0);
        IpvsTable current = merge(merge(table(ours, RS1), table(theirs, RS2)), table(gone, RS2));
        List<IpvsCommand> plan = IpvsReconciler.plan(current, table(ours, RS1), Set.of(ours.key(), gone.key()));
        assertThat(plan).containsExactly(new IpvsCommand.DeleteService(gone));
        // At stop: only ours, unless lvs_flush_on_stop.
        assertThat(IpvsReconciler.stop(current, Set.of(ours.key()), false)).containsExactly(new IpvsCommand.DeleteService(ours));
        assertThat(IpvsReconciler.stop(current, Set.of(ours.key()), true)).hasSize(3);
    }
}
