package io.keepalived4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.lab.Lab;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 3768 election between two real keepalived 2.2.7 nodes with simple-password authentication:
 * the baseline the Java daemon must reproduce when it replaces either node.
 */
class KeepalivedV2ElectionTest {

    private static final Duration ADVERT = Duration.ofSeconds(1);

    @BeforeEach
    void needsRoot() {
        TwoNodeLab.assumeRunnable();
    }

    static TwoNodeLab v2Lab(int garpMasterDelay) {
        return v2Lab(NodeFactory.KEEPALIVED, NodeFactory.KEEPALIVED, garpMasterDelay);
    }

    /** lb1 (MASTER, 100) and lb2 (BACKUP, 90) of the given kinds: keepalived 2.2.7 or keepalived4j. */
    static TwoNodeLab v2Lab(NodeFactory lb1, NodeFactory lb2, int garpMasterDelay) {
        return TwoNodeLab.create(lb1, lb2, lab -> lab.vip4(1),
                (vip, id, state, prio) -> new VrrpConfig(id, 2, state, 51, prio, "1", vip, Lab.PREFIX4, garpMasterDelay)
                        .render());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pairing.class)
    void higherPriorityNodeHoldsTheVipAndTheBackupNeverDoesOnceQuiet(Pairing pair) {
        try (TwoNodeLab t = v2Lab(pair.lb1(), pair.lb2(), 5)) {
            // Both start together: a real election, not lb2 joining an established master.
            t.lb1.start();
            t.lb2.start();
            t.watcher.awaitSingleHolder(t.lb1Host, Duration.ofSeconds(10));
            t.lb2.waitForLog("\\(VI_1\\) Entering BACKUP STATE", Duration.ofSeconds(5));
            Instant quiet = Instant.now();

            // Three advert intervals: long enough for lb2 to time out if lb1's adverts did not
            // pass its authentication check (Master_Down_Interval is 3.65 s from its last accepted one).
            sleep(ADVERT.multipliedBy(4));

            assertThat(t.watcher.holdersNow()).as(t.watcher.describe()).containsExactly("lb1");
            assertThat(t.watcher.maxSimultaneousHoldersSince(quiet)).as(t.watcher.describe()).isEqualTo(1);
            assertThat(t.lb2.log().text()).doesNotContain("invalid passwd", "Entering MASTER STATE");
            // The data plane agrees: the client's ARP resolution of the VIP is answered by lb1.
            assertThat(t.client.reaches(t.vip)).isTrue();
            assertThat(t.client.neighbourMac(t.vip)).contains(t.lb1Host.mac());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pairing.class)
    void mismatchedPasswordsMakeEachNodeIgnoreTheOtherSoBothBecomeMaster(Pairing pair) {
        // lb2's adverts carry another password: RFC 3768 5.3.6.1, a receiver must discard them.
        try (TwoNodeLab t = TwoNodeLab.create(pair.lb1(), pair.lb2(), lab -> lab.vip4(1),
                (vip, id, state, prio) -> new VrrpConfig(id, 2, state, 51, prio, "1", vip, Lab.PREFIX4, 5).render()
                        .replace(VrrpConfig.PASSWORD, id.equals("lb2") ? "wrong123" : VrrpConfig.PASSWORD))) {
            t.lb1.start();
            t.lb2.start();

            t.watcher.awaitHolders(java.util.Set.of("lb1", "lb2"), Duration.ofSeconds(10));

            t.lb1.waitForLog("\\(VI_1\\) received an invalid passwd", Duration.ofSeconds(3));
            t.lb2.waitForLog("\\(VI_1\\) received an invalid passwd", Duration.ofSeconds(3));
            // What keepalived lacks: keepalived4j names the split brain at error level, from the
            // other master's mismatched adverts or from the VIP answered by the other MAC.
            for (var node : java.util.List.of(t.lb1, t.lb2)) {
                if (node instanceof io.keepalived4j.testsupport.lab.Keepalived4jProcess) {
                    node.waitForLog("\\(VI_1\\) split brain: (.* also advertises VRID 51|VIP .* is also answered by)",
                            Duration.ofSeconds(12));
                }
            }
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
