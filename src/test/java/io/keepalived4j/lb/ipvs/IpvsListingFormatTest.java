package io.keepalived4j.lb.ipvs;

import io.keepalived4j.lb.proxy.IpvsadmFormat;
import io.keepalived4j.os.netlink.IpvsDestinationEntry;
import io.keepalived4j.os.netlink.IpvsInfo;
import io.keepalived4j.os.netlink.IpvsReplies;
import io.keepalived4j.os.netlink.IpvsServiceEntry;
import io.keepalived4j.os.netlink.NetlinkMessage;
import io.keepalived4j.testsupport.IpvsadmListing;
import io.keepalived4j.testsupport.NetlinkCapture;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code keepalived4j lvs} prints the kernel's table as ipvsadm does: the kernel's own answers to
 * Debian's ipvsadm 1.31 in the VM (src/test/resources/ipvs/ipvsadm-1.31.capture), decoded and
 * formatted by us, give exactly the text ipvsadm printed from them, character for character
 * (order, flags, masks, fwmark and IPv6 services, padding), for -Ln and --stats.
 */
class IpvsListingFormatTest {

    private static final Path CAPTURE = Path.of("src/test/resources/ipvs/ipvsadm-1.31.capture");
    private static final List<NetlinkCapture.Message> MESSAGES = NetlinkCapture.read(CAPTURE);
    private static final int FAMILY = 0x20;
    private static final int GET_DEST = 8;

    private static NetlinkMessage message(NetlinkCapture.Message m) {
        byte[] b = m.bytes(1, 1);
        return NetlinkMessage.parseAll(b, b.length).getFirst();
    }

    /** The kernel's answers to one ipvsadm run, as rows: each GET_DEST request opens the next service's destinations. */
    private static List<IpvsKernel.Row> rows(String command) {
        List<NetlinkCapture.Message> ms = MESSAGES.stream().filter(m -> m.command().equals(command) && m.type() == FAMILY).toList();
        List<IpvsServiceEntry> services = ms.stream().filter(m -> !m.sent() && m.genlCommand() == 1)
                .map(m -> IpvsReplies.service(message(m))).toList();
        List<List<IpvsDestinationEntry>> dests = new ArrayList<>();
        for (NetlinkCapture.Message m : ms) {
            if (m.sent() && m.genlCommand() == GET_DEST) {
                dests.add(new ArrayList<>());
            } else if (!m.sent() && m.genlCommand() == 5) {
                dests.getLast().add(IpvsReplies.destination(message(m), 0));
            }
        }
        // ipvsadm asks for the destinations in its own (sorted) service order: ours must be the same.
        List<IpvsServiceEntry> sorted = new ArrayList<>(services);
        List<IpvsKernel.Row> rows = new ArrayList<>();
        List<IpvsKernel.Row> unsorted = new ArrayList<>();
        for (IpvsServiceEntry s : services) {
            unsorted.add(new IpvsKernel.Row(s, List.of()));
        }
        String order = IpvsListingFormat.format(new IpvsInfo(0x010201, 4096), unsorted, IpvsadmFormat.View.STATS);
        sorted.sort(java.util.Comparator.comparingInt(s -> order.indexOf(IpvsListingFormat.name(s.service().key()) + " ")));
        assertThat(dests).hasSize(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            rows.add(new IpvsKernel.Row(sorted.get(i), dests.get(i)));
        }
        return rows;
    }

    private static IpvsInfo info(String command) {
        return MESSAGES.stream().filter(m -> m.command().equals(command) && !m.sent() && m.type() == FAMILY
                && m.genlCommand() == 14).map(m -> IpvsReplies.info(message(m))).findFirst().orElseThrow();
    }

    /** What ipvsadm printed for {@code command}: the lines between its "=== CMD" and "=== RC" that are not strace's. */
    private static String printed(String command) throws Exception {
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String l : Files.readAllLines(CAPTURE)) {
            if (l.equals("=== CMD " + command)) {
                in = true;
            } else if (in && l.startsWith("=== RC")) {
                break;
            } else if (in && !l.matches("^(sendmsg|recvmsg|socket|bind|getsockname|setsockopt|close|\\+\\+\\+|---).*")) {
                b.append(l).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void theListingIsIpvsadmsCharacterForCharacter() throws Exception {
        String ours = IpvsListingFormat.format(info("ipvsadm -Ln"), rows("ipvsadm -Ln"), IpvsadmFormat.View.LIST);
        assertThat(ours).isEqualTo(printed("ipvsadm -Ln"));
        // and it parses as ipvsadm's does, field by field
        assertThat(IpvsadmListing.parse(ours).sameTable(IpvsadmListing.parse(printed("ipvsadm -Ln")))).isTrue();
    }

    @Test
    void theStatsListingIsIpvsadmsCharacterForCharacter() throws Exception {
        String ours = IpvsListingFormat.format(info("ipvsadm -Ln --stats"), rows("ipvsadm -Ln --stats"),
                IpvsadmFormat.View.STATS);
        assertThat(ours).isEqualTo(printed("ipvsadm -Ln --stats"));
    }
}
