package io.keepalived4j.config.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DidYouMeanTest {

    private static final List<String> INSTANCE = List.of("advert_int", "priority", "virtual_router_id", "interface",
            "nopreempt", "preempt_delay", "authentication", "virtual_ipaddress");

    @Test
    void typoWithinEditDistanceIsSuggested() {
        assertThat(DidYouMean.suggest("priorty", INSTANCE)).first().isEqualTo("priority");
        assertThat(DidYouMean.suggest("virtual_router_ip", INSTANCE)).first().isEqualTo("virtual_router_id");
        assertThat(DidYouMean.suggest("interfcae", INSTANCE)).first().isEqualTo("interface");
    }

    @Test
    void keywordThatIsAPrefixOfTheWordIsSuggested() {
        assertThat(DidYouMean.suggest("advert_interval", INSTANCE)).contains("advert_int");
        assertThat(DidYouMean.suggest("virtual_ipaddresses", INSTANCE)).contains("virtual_ipaddress");
    }

    @Test
    void caseIsIgnoredForSuggestions() {
        assertThat(DidYouMean.suggest("Priority", INSTANCE)).first().isEqualTo("priority");
    }

    @Test
    void unrelatedWordsGetNoSuggestion() {
        assertThat(DidYouMean.suggest("frobnicate", INSTANCE)).isEmpty();
        assertThat(DidYouMean.suggest("x".repeat(100_000), INSTANCE)).isEmpty();
    }

    @Test
    void atMostThreeSuggestionsBestFirst() {
        assertThat(DidYouMean.suggest("prio", List.of("prio1", "prio2", "prio3", "prio4", "prio"))).hasSize(3)
                .first().isEqualTo("prio");
    }
}
