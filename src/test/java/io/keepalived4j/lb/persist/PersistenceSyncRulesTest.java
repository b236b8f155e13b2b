package io.keepalived4j.lb.persist;

import io.keepalived4j.lb.persist.PersistenceTable.InstallOutcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.keepalived4j.lb.persist.Fixtures.RS1;
import static io.keepalived4j.lb.persist.Fixtures.RS2;
import static io.keepalived4j.lb.persist.Fixtures.S;
import static io.keepalived4j.lb.persist.Fixtures.WEB;
import static io.keepalived4j.lb.persist.Fixtures.at;
import static io.keepalived4j.lb.persist.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the table tells its peers and what it takes from them (timeout 300 s: resync period 30 s).
 */
class PersistenceSyncRulesTest {

    private final PersistenceTable table = Fixtures.table();
    private final List<Binding> announced = new ArrayList<>();

    PersistenceSyncRulesTest() {
        table.announceTo(announced::add);
    }

    @Test
    void aNewTemplateIsAnnouncedAtOnceAndARefreshOnlyOnceThePeersCopyLagsTheResyncPeriod() {
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();
        assertThat(announced).containsExactly(b);
        table.lookup(WEB, ip("192.0.2.7"), at(29));
        assertThat(announced).hasSize(1);
        table.lookup(WEB, ip("192.0.2.7"), at(30));
        assertThat(announced).hasSize(2);
        assertThat(b.syncEntry(at(30))).isEqualTo(new SyncEntry(WEB, ip("192.0.2.7"), RS1, 300_000));
    }

    @Test
    void theSweepKeepsThePeersCopyOfATemplateThatControlsConnections() {
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();   // peers: until 300
        table.connectionOpened(b);
        announced.clear();
        // While it controls a connection, ours lasts at least the 60 s recheck a failover would leave.
        table.expire(at(269));          // ours 329: lags 29 s
        assertThat(announced).isEmpty();
        table.expire(at(270));          // ours 330: lags 30 s, tell them
        assertThat(announced).containsExactly(b);
        assertThat(b.syncEntry(at(270)).remainingMillis()).isEqualTo(60_000);
        table.expire(at(299));
        assertThat(announced).hasSize(1);
        table.expire(at(300));
        assertThat(announced).hasSize(2);
    }

    @Test
    void aPeersTemplateIsInstalledAndNotEchoedUntilALocalConnectionExtendsIt() {
        assertThat(table.install(WEB, ip("192.0.2.7"), RS2, 200 * S, at(0))).isEqualTo(InstallOutcome.INSTALLED);
        table.expire(at(100));
        assertThat(announced).isEmpty();
        // After a failover: this node now schedules the client, and its template outlives the copy.
        Binding b = table.lookup(WEB, ip("192.0.2.7"), at(110)).orElseThrow();
        assertThat(b.destination()).isEqualTo(RS2);
        assertThat(announced).containsExactly(b);
    }

    @Test
    void anInstalledTemplateLivesWhatThePeerSaidItHasLeft() {
        table.install(WEB, ip("192.0.2.7"), RS2, 200 * S, at(0));
        assertThat(table.expire(at(199))).isZero();
        assertThat(table.expire(at(200))).isEqualTo(1);
    }

    @Test
    void aPeerCannotPinAClientLongerThanTheLocalTimeout() {
        table.install(WEB, ip("192.0.2.7"), RS2, 40 * 86_400 * S, at(0));
        assertThat(table.expire(at(299))).isZero();
        assertThat(table.expire(at(300))).isEqualTo(1);
    }

    @Test
    void theSameDestinationExtendsTheLocalTemplateButNeverShortensIt() {
        table.bind(WEB, ip("192.0.2.7"), RS1, at(0));
        assertThat(table.install(WEB, ip("192.0.2.7"), RS1, 100 * S, at(10))).isEqualTo(InstallOutcome.UNCHANGED);
        assertThat(table.install(WEB, ip("192.0.2.7"), RS1, 295 * S, at(10))).isEqualTo(InstallOutcome.EXTENDED);
        assertThat(table.expire(at(304))).isZero();
        assertThat(table.expire(at(305))).isEqualTo(1);
    }

    @Test
    void aFresherLocalTemplateWins() {
        table.bind(WEB, ip("192.0.2.7"), RS1, at(100));                   // ends at 400
        assertThat(table.install(WEB, ip("192.0.2.7"), RS2, 250 * S, at(100))).isEqualTo(InstallOutcome.LOCAL_FRESHER);
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(101)).orElseThrow().destination()).isEqualTo(RS1);
    }

    @Test
    void aLocalTemplateThatControlsConnectionsWins() {
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();
        table.connectionOpened(b);
        assertThat(table.install(WEB, ip("192.0.2.7"), RS2, 300 * S, at(250))).isEqualTo(InstallOutcome.LOCAL_FRESHER);
    }

    @Test
    void aFresherPeerTemplateReplacesAnOlderIdleOne() {
        table.bind(WEB, ip("192.0.2.7"), RS1, at(0));                     // ends at 300
        assertThat(table.install(WEB, ip("192.0.2.7"), RS2, 300 * S, at(100))).isEqualTo(InstallOutcome.INSTALLED);
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(101)).orElseThrow().destination()).isEqualTo(RS2);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aServiceThisNodeDoesNotHaveOrNoLifetimeLeftIsNotInstalled() {
        assertThat(table.install("[10.9.9.9]:tcp:80", ip("192.0.2.7"), RS1, 10 * S, at(0)))
                .isEqualTo(InstallOutcome.UNKNOWN_SERVICE);
        assertThat(table.install(WEB, ip("192.0.2.7"), RS1, 0, at(0))).isEqualTo(InstallOutcome.STALE);
        assertThat(table.size()).isZero();
    }
}
