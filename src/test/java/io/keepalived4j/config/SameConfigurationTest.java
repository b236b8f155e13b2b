package io.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Configuration equality: positions set aside, lists and maps by content whatever their class. */
class SameConfigurationTest {

    record Item(String name, List<String> values, Position position) {
    }

    @Test
    void listsAndMapsOfDifferentClassesCompareByContent() {
        // List.of("a") is a List12, List.copyOf(ArrayList) of two a ListN: a reload's rebuilt
        // instance and the parsed one must still compare equal.
        assertThat(SameConfiguration.equal(List.of("a"), new ArrayList<>(List.of("a")))).isTrue();
        assertThat(SameConfiguration.equal(Map.of("k", List.of("v")), new TreeMap<>(Map.of("k", List.copyOf(List.of("v")))))).isTrue();
        assertThat(SameConfiguration.equal(List.of("a"), List.of("b"))).isFalse();
        assertThat(SameConfiguration.equal(List.of("a"), Map.of())).isFalse();
    }

    @Test
    void positionsDoNotCountInsideRecords() {
        Item a = new Item("x", List.of("1"), null);
        Item b = new Item("x", new ArrayList<>(List.of("1")), null);
        assertThat(SameConfiguration.equal(a, b)).isTrue();
        assertThat(SameConfiguration.equal(a, new Item("y", List.of("1"), null))).isFalse();
    }
}
