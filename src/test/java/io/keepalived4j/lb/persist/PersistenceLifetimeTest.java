package io.keepalived4j.lb.persist;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.keepalived4j.lb.persist.Fixtures.RS1;
import static io.keepalived4j.lb.persist.Fixtures.RS2;
import static io.keepalived4j.lb.persist.Fixtures.WEB;
import static io.keepalived4j.lb.persist.Fixtures.at;
import static io.keepalived4j.lb.persist.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

/** A template's lifetime, as ip_vs_conn.c runs it, in virtual time (timeout 300 s). */
class PersistenceLifetimeTest {

    private final PersistenceTable table = Fixtures.table();

    @Test
    void aClientKeepsItsRealServerAcrossConnections() {
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();
        assertThat(b.destination()).isEqualTo(RS1);
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(10))).containsSame(b);
        assertThat(table.lookup(WEB, ip("192.0.2.8"), at(10))).isEmpty();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void anIdleTemplateEndsTimeoutAfterItsLastNewConnection() {
        table.bind(WEB, ip("192.0.2.7"), RS1, at(0));
        table.lookup(WEB, ip("192.0.2.7"), at(200));    // a new connection re-arms the timer: 500 s
        assertThat(table.expire(at(499))).isZero();
        assertThat(table.expire(at(500))).isEqualTo(1);
        assertThat(table.size()).isZero();
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(501))).isEmpty();
    }

    @Test
    void aLookupAtTheDeadlineFindsNothingAndTheClientIsScheduledAfresh() {
        table.bind(WEB, ip("192.0.2.7"), RS1, at(0));
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(300))).isEmpty();
        assertThat(table.size()).isZero();
        assertThat(table.bind(WEB, ip("192.0.2.7"), RS2, at(300)).orElseThrow().destination()).isEqualTo(RS2);
    }

    @Test
    void aConnectionClosedBeforeTheDeadlineLeavesTheDeadline() {
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();
        table.connectionOpened(b);
        table.connectionClosed(b, at(100));
        assertThat(table.expire(at(299))).isZero();
        assertThat(table.expire(at(300))).isEqualTo(1);
    }

    @Test
    void aLiveConnectionKeepsTheTemplateWhichEndsAtTheFirst60sRecheckAfterItCloses() {
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();
        assertThat(table.connectionOpened(b)).isTrue();
        assertThat(table.expire(at(5_000))).isZero();       // an hour and more: still controls a connection
        table.connectionClosed(b, at(5_010));
        // Timer: 300 s, then every 60 s while it controls: 4,980 busy, 5,040 idle -> ends.
        assertThat(table.expire(at(5_039))).isZero();
        assertThat(table.expire(at(5_040))).isEqualTo(1);
    }

    @Test
    void theRecheckWindowEndsTheTemplateWithoutANewConnection() {
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();
        table.connectionOpened(b);
        table.connectionOpened(b);
        table.connectionClosed(b, at(350));
        table.connectionClosed(b, at(400));                  // rechecks at 360 (busy), 420
        assertThat(b.connections()).isZero();
        assertThat(table.expire(at(419))).isZero();
        assertThat(table.expire(at(420))).isEqualTo(1);
    }

    @Test
    void aNewConnectionInTheRecheckWindowReusesTheTemplateForAFullTimeout() {
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();
        table.connectionOpened(b);
        table.connectionClosed(b, at(400));
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(410))).containsSame(b);   // re-armed: 710 s
        assertThat(table.expire(at(709))).isZero();
        assertThat(table.expire(at(710))).isEqualTo(1);
    }

    @Test
    void connectionsOfAnEndedTemplateStillCloseCleanly() {
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();
        table.connectionOpened(b);
        table.removeService(WEB);
        assertThat(table.size()).isZero();
        table.connectionClosed(b, at(10));
        table.connectionClosed(b, at(11));                   // one close too many: ignored
        assertThat(b.connections()).isZero();
        assertThat(table.connectionOpened(b)).as("it left the table").isFalse();
    }

    @Test
    void timeIsComparedAcrossTheNanoTimeWrap() {
        // Fixtures.T0 is 500 s before Long.MAX_VALUE: at(600) has wrapped to a negative value.
        assertThat(at(600)).isNegative();
        table.bind(WEB, ip("192.0.2.7"), RS1, at(400));
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(699))).isPresent();
        assertThat(table.expire(at(998))).isZero();
        assertThat(table.expire(at(999))).isEqualTo(1);
    }

    @Test
    void aTableWithoutTheServiceHasNoPersistence() {
        assertThat(table.bind("[10.0.0.9]:tcp:80", ip("192.0.2.7"), RS1, at(0))).isEmpty();
        assertThat(table.lookup("[10.0.0.9]:tcp:80", ip("192.0.2.7"), at(0))).isEmpty();
        assertThat(table.counters().unknownService()).isEqualTo(1);
        assertThat(Fixtures.table(10, false, Optional.empty()).size()).isZero();
    }
}
