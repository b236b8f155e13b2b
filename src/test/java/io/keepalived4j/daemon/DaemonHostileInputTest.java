package io.keepalived4j.daemon;

import io.keepalived4j.os.ArpPacket;
import io.keepalived4j.os.ReceivedPacket;
import io.keepalived4j.vrrp.codec.VrrpEncoder;
import io.keepalived4j.vrrp.codec.VrrpPacket;
import io.keepalived4j.vrrp.engine.VrrpState;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the network can throw at a MASTER, in volume, through the whole daemon in this JVM: VRRP
 * garbage, adverts with a mismatched VIP list and lower-priority adverts from thousands of
 * spoofed sources, ARP claiming the VIP from random MACs. The master stays master, answers at its
 * own pace, and logs a handful of lines, not one per packet (seeded: replay with the seed below).
 */
class DaemonHostileInputTest {

    private static final long SEED = 20261204L;
    private static final InetAddress GROUP = InetAddress.ofLiteral("224.0.0.18");

    @Test
    void aFloodOfHostilePacketsChangesNothingAndCostsAFewLogLines() throws Exception {
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), FaultHooks.NONE);
             InProcessNode b = new InProcessNode(lan, "lb2", "10.0.0.2/24", InProcessNode.config(100, "", ""), FaultHooks.NONE)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            b.awaitState(VrrpState.BACKUP, Duration.ofSeconds(3));
            int linesBefore = a.logLines().size();
            int advertsBefore = lan.sentBy("lb1").size();
            long start = System.nanoTime();
            Random random = new Random(SEED);
            for (int i = 0; i < 60_000; i++) {
                InetAddress src = InetAddress.getByAddress(new byte[] {10, 0, (byte) random.nextInt(256), (byte) (3 + random.nextInt(250))});
                byte[] message = switch (i % 4) {
                    case 0 -> garbage(random);
                    // Another VIP list, and a priority that would win if it were accepted.
                    case 1 -> VrrpEncoder.encode(VrrpPacket.v3(51, 200, 10, List.of(InetAddress.ofLiteral("10.0.0.200"))),
                            src, GROUP, false);
                    // Lower priority, our own VIP list: accepted, and answered at most once an interval.
                    case 2 -> VrrpEncoder.encode(VrrpPacket.v3(51, 50, 10, List.of(InetAddress.ofLiteral("10.0.0.100"))),
                            src, GROUP, false);
                    default -> VrrpEncoder.encode(VrrpPacket.v3(51, 50, 0, List.of(InetAddress.ofLiteral("10.0.0.100"))),
                            src, GROUP, false); // interval 0: rejected
                };
                a.host.deliver(false, new ReceivedPacket(src, GROUP, 255, 2, message), GROUP);
                byte[] mac = new byte[6];
                random.nextBytes(mac);
                mac[0] = 0x02;
                a.host.injectArp(new ArpPacket(ArpPacket.REPLY, mac, InetAddress.ofLiteral("10.0.0.100"), new byte[6],
                        InetAddress.ofLiteral("10.0.0.1"), mac));
            }
            // Let the daemon work through what it accepted of the flood.
            InProcessNode.await(() -> System.nanoTime() - start > Duration.ofSeconds(2).toNanos(), Duration.ofSeconds(5), "");
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(a.state()).isEqualTo(VrrpState.MASTER);
            assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(a.vips()).containsExactly("10.0.0.100/24");
            List<String> lines = a.logLines().subList(linesBefore, a.logLines().size());
            assertThat(lines).as("log lines for 240,000 hostile packets and frames").hasSizeLessThan(40);
            assertThat(lines).anyMatch(l -> l.contains("split brain: VIP 10.0.0.100 is also answered by"));
            // Adverts every 100 ms, plus at most one answer to the lower-priority flood per interval.
            int adverts = lan.sentBy("lb1").size() - advertsBefore;
            assertThat(adverts).isBetween((int) (seconds * 8), (int) (seconds * 21) + 2);
            var stats = a.daemon.status().getFirst();
            assertThat(stats.rejects()).as("rejects counted by reason").isNotEmpty();
        }
    }

    private static byte[] garbage(Random random) {
        byte[] b = new byte[8 + random.nextInt(60)];
        random.nextBytes(b);
        if (random.nextBoolean()) {
            b[0] = 0x31; // version 3, type 1: gets further into the checks
            b[1] = 51;
        }
        return b;
    }
}
