package io.keepalived4j.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RehearsalTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static HostSpec spec(String group, InstanceParameters... instances) {
        return new HostSpec(List.of(instances).stream()
                .map(p -> new HostSpec.InstanceSpec(p, Set.of(), List.of())).toList(), group);
    }

    @Test
    void aBackupsInstancesGoThroughTakeoverYieldingAndTheStop() throws Exception {
        Rehearsal.Walked w = Rehearsal.run(spec(null,
                InstanceParameters.of("VI_1", 51, 3, 100, 100, ip("10.0.0.2")),
                InstanceParameters.of("VI_6", 52, 3, 90, 10, ip("fe80::2")),
                InstanceParameters.of("VI_2", 53, 2, 100, 100, ip("10.0.0.2"))));

        assertThat(w.entered()).contains(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.STOP);
        assertThat(w.actions()).contains(Action.SendAdvert.class, Action.AddVips.class, Action.RemoveVips.class,
                Action.GratuitousArpBurst.class, Action.StateChanged.class);
    }

    @Test
    void anAddressOwnerAndASyncGroupAreRehearsedToo() throws Exception {
        Rehearsal.Walked w = Rehearsal.run(spec("G",
                InstanceParameters.of("VI_1", 51, 3, 255, 100, ip("10.0.0.1")),
                InstanceParameters.of("VI_2", 52, 3, 100, 100, ip("10.0.0.1"))));

        assertThat(w.entered()).contains(VrrpState.MASTER, VrrpState.STOP);
        assertThat(w.actions()).contains(Action.SendAdvert.class, Action.GroupStateChanged.class);
    }

    @Test
    void enoughRoundsForTheJitButOneForALargeNode() {
        assertThat(Rehearsal.rounds(1)).isEqualTo(Rehearsal.WARM_WALKS);
        assertThat(Rehearsal.rounds(2) * 2).isGreaterThanOrEqualTo(Rehearsal.WARM_WALKS);
        assertThat(Rehearsal.rounds(100)).isEqualTo(3);
        assertThat(Rehearsal.rounds(1_000)).isEqualTo(1);
        assertThat(Rehearsal.rounds(0)).isZero();
    }

    @Test
    void warmingRunsTheSameWalkAsOnce() throws Exception {
        HostSpec spec = spec(null, InstanceParameters.of("VI_1", 51, 3, 100, 100, ip("10.0.0.2")));

        assertThat(Rehearsal.warm(spec)).isEqualTo(Rehearsal.run(spec));
    }

    @Test
    void nothingToRehearseIsNoError() {
        Rehearsal.Walked w = Rehearsal.run(new HostSpec(List.of(), List.of()));

        assertThat(w.entered()).isEmpty();
        assertThat(w.actions()).isEmpty();
    }
}
