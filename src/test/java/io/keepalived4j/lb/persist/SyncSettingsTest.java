package io.keepalived4j.lb.persist;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import static io.keepalived4j.lb.persist.Fixtures.dest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncSettingsTest {

    private static final InetSocketAddress LISTEN = dest("127.0.0.1", 0);
    private static final List<InetSocketAddress> PEER = List.of(dest("127.0.0.1", 8848));

    @Test
    void unicastDefaultsFollowKeepalived() {
        SyncSettings s = SyncSettings.unicast(51, LISTEN, PEER);
        assertThat(s.maxDatagram()).isEqualTo(1400);
        assertThat(s.ttl()).isEqualTo(1);
        assertThat(s.multicast()).isFalse();
        assertThat(SyncSettings.DEFAULT_PORT).isEqualTo(8848);
        assertThat(SyncSettings.MIN_MAX_DATAGRAM).isEqualTo(312);
        assertThat(s.withNodeId(5).nodeId()).isEqualTo(5);
    }

    @Test
    void settingsOutsideTheirRangesAreRefused() {
        assertThatThrownBy(() -> SyncSettings.unicast(256, LISTEN, PEER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncSettings.unicast(1, LISTEN, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncSettings.unicast(1, LISTEN, List.of(dest("127.0.0.1", 0)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncSettings.unicast(1, LISTEN, List.of(dest("::1", 8848)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncSettings.unicast(1, LISTEN, PEER).withMaxDatagram(311)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncSettings.unicast(1, LISTEN, PEER).withMaxDatagram(65508)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncSettings.unicast(1, LISTEN, PEER).withQueue(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncSettings.unicast(1, LISTEN, List.of(dest(SyncSettings.DEFAULT_GROUP, 8848))))
                .as("a group needs an interface").isInstanceOf(IllegalArgumentException.class);
        assertThat(new SyncSettings(1, 2, dest("0.0.0.0", 8848), List.of(dest(SyncSettings.DEFAULT_GROUP, 8848)),
                Optional.of("eth1"), 1, 1400, 10, 10).multicast()).isTrue();
    }
}
