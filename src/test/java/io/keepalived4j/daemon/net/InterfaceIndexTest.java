package io.keepalived4j.daemon.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class InterfaceIndexTest {

    @Test
    void aTableAnswersItsNamesOnly() {
        InterfaceIndex index = InterfaceIndex.of(Map.of("eth0", 2));
        assertThat(index.indexOf("eth0")).hasValue(2);
        assertThat(index.indexOf("eth1")).isEmpty();
    }

    @Test
    void memoizedAsksOncePerNameIncludingMisses() {
        List<String> asked = new ArrayList<>();
        InterfaceIndex counting = name -> {
            asked.add(name);
            return name.equals("eth0") ? OptionalInt.of(2) : OptionalInt.empty();
        };
        InterfaceIndex pass = counting.memoized();
        pass.indexOf("eth0");
        pass.indexOf("eth0");
        pass.indexOf("eth9");
        assertThat(pass.indexOf("eth9")).isEmpty();
        assertThat(asked).containsExactly("eth0", "eth9");
    }
}
