package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keepalived4j.check.PoolHarness.fail;
import static io.keepalived4j.check.PoolHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runtime control of the pool: a drained server gets weight 0 in the data plane (as
 * inhibit_on_failure gives a failed one) whatever its checkers do until it is enabled, counts for
 * nothing towards quorum, and an operator's weight replaces the configured one.
 */
class PoolRuntimeControlTest {

    private static final String VS = "[10.1.0.1]:tcp:80";
    private static final String RS1 = "[10.2.0.1]:tcp:80";
    private static final String CONFIG = """
            virtual_server 10.1.0.1 80 {
              lvs_sched wrr
              lvs_method NAT
              protocol TCP
              real_server 10.2.0.1 80 {
                weight 3
                TCP_CHECK { retry 0 }
              }
              real_server 10.2.0.2 80 {
                weight 2
                TCP_CHECK { retry 0 }
              }
            }
            """;

    private final PoolHarness h = new PoolHarness(CONFIG);
    private final VirtualServer vs = h.virtualServers.getFirst();
    private final RealServer rs1 = vs.realServers().get(0);
    private final RealServer rs2 = vs.realServers().get(1);

    @Test
    void aDrainedServerHasWeightZeroThroughItsCheckersUntilEnabled() {
        h.take();
        assertThat(h.pool.drain(vs, rs1, true)).isEqualTo(HealthPool.ControlOutcome.DONE);
        assertThat(h.take()).containsExactly("Draining service " + RS1 + " of VS " + VS + " (runtime control)");
        assertThat(h.table()).containsExactly(Map.entry("10.2.0.1:80", 0L), Map.entry("10.2.0.2:80", 2L));
        assertThat(h.pool.drained(VS, RS1)).isTrue();
        assertThat(h.pool.drain(vs, rs1, true)).isEqualTo(HealthPool.ControlOutcome.UNCHANGED);

        // Its checker fails and recovers: it comes back drained.
        h.feed(0, fail());
        assertThat(h.table()).doesNotContainKey("10.2.0.1:80");
        h.feed(0, ok());
        assertThat(h.table()).containsEntry("10.2.0.1:80", 0L);

        assertThat(h.pool.drain(vs, rs1, false)).isEqualTo(HealthPool.ControlOutcome.DONE);
        assertThat(h.take()).contains("Enabling drained service " + RS1 + " of VS " + VS + " (runtime control)");
        assertThat(h.table()).containsEntry("10.2.0.1:80", 3L);
    }

    @Test
    void drainingEveryServerLosesQuorumAndEnablingOneRegainsIt() {
        h.take();
        h.pool.drain(vs, rs1, true);
        h.pool.drain(vs, rs2, true);
        assertThat(h.take()).contains("Lost quorum 1-0=1 > 0 for VS " + VS);
        h.pool.drain(vs, rs2, false);
        assertThat(h.take()).contains("Gained quorum 1+0=1 <= 2 for VS " + VS);
    }

    @Test
    void anOperatorsWeightReplacesTheConfiguredOne() {
        h.take();
        assertThat(h.pool.setWeight(vs, rs2, 7)).isEqualTo(HealthPool.ControlOutcome.DONE);
        assertThat(h.take()).containsExactly("Changing weight from 2 to 7 for active service [10.2.0.2]:tcp:80 of VS " + VS);
        assertThat(h.table()).containsEntry("10.2.0.2:80", 7L);
        assertThat(h.pool.setWeight(vs, rs2, 7)).isEqualTo(HealthPool.ControlOutcome.UNCHANGED);
        // Drained, the new weight waits for the enable.
        h.pool.drain(vs, rs2, true);
        h.pool.setWeight(vs, rs2, 4);
        assertThat(h.table()).containsEntry("10.2.0.2:80", 0L);
        h.pool.drain(vs, rs2, false);
        assertThat(h.table()).containsEntry("10.2.0.2:80", 4L);
    }

    @Test
    void aServerOfAnotherConfigurationIsNotFound() {
        PoolHarness other = new PoolHarness(CONFIG.replace("real_server 10.2.0.2 80", "real_server 10.2.0.2 81"));
        VirtualServer otherVs = other.virtualServers.getFirst();
        assertThat(h.pool.drain(otherVs, otherVs.realServers().get(1), true)).isEqualTo(HealthPool.ControlOutcome.NOT_FOUND);
        assertThat(h.pool.setWeight(vs, otherVs.realServers().get(1), 1)).isEqualTo(HealthPool.ControlOutcome.NOT_FOUND);
    }
}
