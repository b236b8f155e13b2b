package io.keepalived4j.lb.persist;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.keepalived4j.lb.persist.Fixtures.RS1;
import static io.keepalived4j.lb.persist.Fixtures.RS2;
import static io.keepalived4j.lb.persist.Fixtures.WEB;
import static io.keepalived4j.lb.persist.Fixtures.WEB6;
import static io.keepalived4j.lb.persist.Fixtures.at;
import static io.keepalived4j.lb.persist.Fixtures.dest;
import static io.keepalived4j.lb.persist.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

/** Granularity and destination changes: ip_vs_sched_persist() and ip_vs_check_template(). */
class PersistenceDestinationsTest {

    @Test
    void granularity24SendsAClientsWholeSubnetToOneRealServer() {
        Granularity g24 = Granularity.parse("255.255.255.0", Optional.empty()).orElseThrow();
        PersistenceTable table = Fixtures.table(100, false, Optional.of(g24));
        Binding b = table.bind(WEB, ip("198.51.100.7"), RS1, at(0)).orElseThrow();
        assertThat(b.client()).isEqualTo(ip("198.51.100.0"));
        assertThat(table.lookup(WEB, ip("198.51.100.200"), at(1))).containsSame(b);
        assertThat(table.bind(WEB, ip("198.51.100.99"), RS2, at(2))).as("the subnet's template wins").containsSame(b);
        assertThat(table.lookup(WEB, ip("198.51.101.7"), at(3))).isEmpty();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void ipv6Prefix64GroupsAClientsNetwork() {
        PersistenceTable table = new PersistenceTable();
        table.addService(WEB6, new PersistencePolicy(Fixtures.TIMEOUT, Granularity.parse("64", Optional.empty()).orElseThrow()));
        var rs = dest("2001:db8::10", 443);
        table.setDestination(WEB6, rs, 1);
        Binding b = table.bind(WEB6, ip("2001:db8:aa:bb:1::1"), rs, at(0)).orElseThrow();
        assertThat(b.client()).isEqualTo(ip("2001:db8:aa:bb::"));
        assertThat(table.lookup(WEB6, ip("2001:db8:aa:bb:ffff::2"), at(1))).containsSame(b);
        assertThat(table.lookup(WEB6, ip("2001:db8:aa:bc::1"), at(1))).isEmpty();
    }

    @Test
    void aRemovedDestinationInvalidatesItsTemplatesWhileTheirConnectionsGoOn() {
        PersistenceTable table = Fixtures.table();
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();
        table.connectionOpened(b);
        table.removeDestination(WEB, RS1);
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(1))).isEmpty();
        assertThat(table.counters().invalidated()).isEqualTo(1);
        assertThat(table.size()).isZero();
        Binding again = table.bind(WEB, ip("192.0.2.7"), RS2, at(1)).orElseThrow();
        assertThat(again.destination()).isEqualTo(RS2);
        assertThat(b.connections()).as("the old connection still runs").isEqualTo(1);
        table.connectionClosed(b, at(2));
        assertThat(again.connections()).isZero();
    }

    @Test
    void aBindOverAnInvalidTemplateReplacesIt() {
        PersistenceTable table = Fixtures.table();
        table.bind(WEB, ip("192.0.2.7"), RS1, at(0));
        table.removeDestination(WEB, RS1);
        assertThat(table.bind(WEB, ip("192.0.2.7"), RS2, at(1)).orElseThrow().destination()).isEqualTo(RS2);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aDestinationBackBeforeTheNextLookupKeepsItsTemplates() {
        // The kernel checks a template only when a connection needs it; a real server removed and
        // added back in between (restored from IPVS's trash) finds its templates valid.
        PersistenceTable table = Fixtures.table();
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();
        table.removeDestination(WEB, RS1);
        table.setDestination(WEB, RS1, 1);
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(1))).containsSame(b);
    }

    @Test
    void aQuiescedDestinationKeepsItsPersistentClients() {
        PersistenceTable table = Fixtures.table();
        Binding b = table.bind(WEB, ip("192.0.2.7"), RS1, at(0)).orElseThrow();
        table.setDestination(WEB, RS1, 0);   // inhibit_on_failure: weight 0
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(1))).containsSame(b);
    }

    @Test
    void withExpireQuiescentTemplateAQuiescedDestinationLosesThem() {
        PersistenceTable table = Fixtures.table(100, true, Optional.empty());
        table.bind(WEB, ip("192.0.2.7"), RS1, at(0));
        table.setDestination(WEB, RS1, 0);
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(1))).isEmpty();
        assertThat(table.counters().invalidated()).isEqualTo(1);
    }

    @Test
    void aDestinationTheTableWasNeverToldOfIsNotValid() {
        PersistenceTable table = Fixtures.table();
        table.bind(WEB, ip("192.0.2.7"), dest("10.0.0.99", 80), at(0));
        assertThat(table.lookup(WEB, ip("192.0.2.7"), at(1))).isEmpty();
    }

    @Test
    void removingTheServiceDropsItsTemplatesAndOnlyThose() {
        PersistenceTable table = Fixtures.table();
        table.addService(WEB6, new PersistencePolicy(Fixtures.TIMEOUT, Granularity.HOST));
        var rs = dest("2001:db8::10", 443);
        table.setDestination(WEB6, rs, 1);
        table.bind(WEB, ip("192.0.2.7"), RS1, at(0));
        table.bind(WEB, ip("192.0.2.8"), RS2, at(0));
        table.bind(WEB6, ip("2001:db8::7"), rs, at(0));
        table.removeService(WEB);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.lookup(WEB6, ip("2001:db8::7"), at(1))).isPresent();
    }

    @Test
    void anAllPortsServiceKeepsPortZeroForThePortTheClientAsked() {
        String all = "[10.0.0.1]:tcp:0";
        PersistenceTable table = new PersistenceTable();
        table.addService(all, new PersistencePolicy(Fixtures.TIMEOUT, Granularity.HOST));
        var rs = dest("10.0.0.2", 0);
        table.setDestination(all, rs, 1);
        table.bind(all, ip("192.0.2.7"), rs, at(0));      // a connection to port 443
        assertThat(table.lookup(all, ip("192.0.2.7"), at(1)).orElseThrow().destination().getPort())
                .as("a connection to port 25: same template, same server, the client's port").isZero();
    }
}
