package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hex listings of {@code docs/ipvs-netlink.md} are what the encoder produces for seed 001 as
 * keepalived 2.2.7 runs it: the page cannot drift from the code.
 */
class IpvsKeepalivedListingTest {

    private static final Path PAGE = Path.of("docs", "ipvs-netlink.md");
    private static final Pattern HEX_BLOCK = Pattern.compile("```hex\\n(.*?)```", Pattern.DOTALL);

    @BeforeEach
    void littleEndian() {
        Bytes.assumeLittleEndian();
    }

    @Test
    void pageListsWhatTheEncoderSendsForSeed001() throws Exception {
        IpvsMessages ipvs = IpvsMessages.forFamily(0x24);
        IpvsService web = IpvsServiceMessagesTest.SEED_001;
        List<byte[]> sent = List.of(
                GenlControlMessages.getFamily(IpvsGenl.FAMILY_NAME).encode(1),
                ipvs.getInfo().encode(2),
                ipvs.newService(web).encode(3),
                ipvs.newDestination(web, IpvsDestination.of(InetAddress.ofLiteral("10.231.2.21"), 80, IpvsForwarding.ROUTE, 1))
                        .encode(4),
                ipvs.newDestination(web, IpvsDestination.of(InetAddress.ofLiteral("10.231.2.22"), 8080, IpvsForwarding.MASQ, 2))
                        .encode(5),
                ipvs.startDaemon(IpvsSyncDaemon.of(IpvsSyncDaemon.State.MASTER, "eth0", 51)).encode(6));

        List<String> listed = new ArrayList<>();
        Matcher m = HEX_BLOCK.matcher(Files.readString(PAGE));
        while (m.find()) {
            listed.add(Bytes.hex(Bytes.hex(m.group(1))));
        }

        assertThat(listed).containsExactlyElementsOf(sent.stream().map(Bytes::hex).toList());
    }
}
