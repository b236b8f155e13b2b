package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class RtNetlinkRuleTest {

    @Test
    void ipv4RuleFromPrefixWithPreferenceIsAddedAndDeleted() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlrule")) {
            RuleSpec rule = RuleSpec.lookup(AddressFamily.AF_INET, 100).from(Prefix.parse("192.0.2.0/24")).priority(1000);

            f.rt.addRule(rule);

            assertThat(f.ip("-4", "rule").lines()).contains("1000:\tfrom 192.0.2.0/24 lookup 100");
            NetlinkException twice = catchThrowableOfType(NetlinkException.class, () -> f.rt.addRule(rule));
            assertThat(twice.alreadyExists()).isTrue();

            f.rt.deleteRule(rule);

            assertThat(f.ip("-4", "rule")).doesNotContain("lookup 100");
            NetlinkException missing = catchThrowableOfType(NetlinkException.class, () -> f.rt.deleteRule(rule));
            assertThat(missing.errno()).isEqualTo(NetlinkException.ENOENT);
        }
    }

    @Test
    void ipv6RuleFromAndToInABigTable() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlrule")) {
            RuleSpec rule = RuleSpec.lookup(AddressFamily.AF_INET6, 1000)
                    .from(Prefix.parse("2001:db8:1::/48")).to(Prefix.parse("2001:db8:2::/48")).priority(1001);

            f.rt.addRule(rule);

            assertThat(f.ip("-6", "rule").lines()).contains("1001:\tfrom 2001:db8:1::/48 to 2001:db8:2::/48 lookup 1000");

            f.rt.deleteRule(rule);
            assertThat(f.ip("-6", "rule")).doesNotContain("lookup 1000");
        }
    }

    @Test
    void ruleWithoutPreferenceGetsOneFromTheKernel() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlrule")) {
            RuleSpec rule = RuleSpec.lookup(AddressFamily.AF_INET, 200).to(Prefix.parse("203.0.113.0/24"));

            f.rt.addRule(rule);

            // The kernel picks one below the lowest existing non-zero preference (32766 main).
            assertThat(f.ip("-4", "rule").lines()).contains("32765:\tfrom all to 203.0.113.0/24 lookup 200");
            f.rt.deleteRule(rule);
            assertThat(f.ip("-4", "rule")).doesNotContain("lookup 200");
        }
    }
}
