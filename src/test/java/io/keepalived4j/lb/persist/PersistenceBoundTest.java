package io.keepalived4j.lb.persist;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.keepalived4j.lb.persist.Fixtures.RS1;
import static io.keepalived4j.lb.persist.Fixtures.RS2;
import static io.keepalived4j.lb.persist.Fixtures.S;
import static io.keepalived4j.lb.persist.Fixtures.WEB;
import static io.keepalived4j.lb.persist.Fixtures.at;
import static io.keepalived4j.lb.persist.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table never grows past its bound: new clients go without persistence, counted. */
class PersistenceBoundTest {

    @Test
    void aFullTableRefusesNewClientsAndCountsThem() {
        PersistenceTable table = Fixtures.table(3, false, Optional.empty());
        for (int i = 1; i <= 3; i++) {
            assertThat(table.bind(WEB, ip("192.0.2." + i), RS1, at(0))).isPresent();
        }
        assertThat(table.bind(WEB, ip("192.0.2.4"), RS1, at(0))).isEmpty();
        assertThat(table.bind(WEB, ip("192.0.2.5"), RS1, at(0))).isEmpty();
        assertThat(table.refusals()).isEqualTo(2);
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.lookup(WEB, ip("192.0.2.2"), at(1))).isPresent();
        assertThat(table.bind(WEB, ip("192.0.2.2"), RS2, at(1))).as("a known client is no new entry").isPresent();
        assertThat(table.install(WEB, ip("192.0.2.9"), RS1, 100 * S, at(1))).isEqualTo(PersistenceTable.InstallOutcome.FULL);
    }

    @Test
    void theSweepFreesRoom() {
        PersistenceTable table = Fixtures.table(2, false, Optional.empty());
        table.bind(WEB, ip("192.0.2.1"), RS1, at(0));
        table.bind(WEB, ip("192.0.2.2"), RS1, at(100));
        assertThat(table.bind(WEB, ip("192.0.2.3"), RS1, at(200))).isEmpty();
        assertThat(table.expire(at(300))).isEqualTo(1);
        assertThat(table.bind(WEB, ip("192.0.2.3"), RS1, at(300))).isPresent();
        assertThat(table.counters()).isEqualTo(new PersistenceTable.Counters(3, 1, 1, 0, 0));
    }

    @Test
    void anExpiredTemplateIsReplacedInPlaceEvenWhenFull() {
        PersistenceTable table = Fixtures.table(1, false, Optional.empty());
        table.bind(WEB, ip("192.0.2.1"), RS1, at(0));
        assertThat(table.bind(WEB, ip("192.0.2.1"), RS2, at(400)).orElseThrow().destination()).isEqualTo(RS2);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> new PersistenceTable(0, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
