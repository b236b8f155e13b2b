package io.keepalived4j.daemon.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.model.StaticRule;
import io.keepalived4j.os.netlink.AddressFamily;
import io.keepalived4j.os.netlink.Prefix;
import io.keepalived4j.os.netlink.RuleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleConversionTest {

    private static List<StaticRule> rules(String lines) {
        return Configs.instance(" virtual_rules {\n" + lines + "\n }").virtualRules();
    }

    private static Conversion<RuleSpec> convert(StaticRule r) {
        return RuleConversion.toSpec(r);
    }

    @Test
    void fromTablePriorityIsALookupRule() {
        assertThat(convert(rules("from 10.9.0.0/16 table 100 priority 1000").getFirst())).isEqualTo(Conversion.ok(
                RuleSpec.lookup(AddressFamily.AF_INET, 100).from(Prefix.parse("10.9.0.0/16")).priority(1000)));
    }

    @Test
    void familyComesFromTheAddressesOrInet6() {
        List<StaticRule> rs = rules("to 2001:db8::/32 lookup 7 preference 10\nfrom all table 8 pref 11 inet6\n"
                + "from all to 10.1.0.0/16 table main order 12");
        assertThat(convert(rs.get(0))).isEqualTo(Conversion.ok(
                RuleSpec.lookup(AddressFamily.AF_INET6, 7).to(Prefix.parse("2001:db8::/32")).priority(10)));
        assertThat(convert(rs.get(1))).isEqualTo(Conversion.ok(RuleSpec.lookup(AddressFamily.AF_INET6, 8).priority(11)));
        assertThat(convert(rs.get(2))).isEqualTo(Conversion.ok(
                RuleSpec.lookup(AddressFamily.AF_INET, 254).to(Prefix.parse("10.1.0.0/16")).priority(12)));
    }

    @Test
    void aRuleWithoutPreferenceGetsTheConfigLayersAutomaticOne() {
        StaticRule r = rules("from 10.1.0.0/16 table 9").getFirst();
        assertThat(convert(r)).isEqualTo(Conversion.ok(
                RuleSpec.lookup(AddressFamily.AF_INET, 9).from(Prefix.parse("10.1.0.0/16")).priority(r.preference())));
        assertThat(r.preference()).isEqualTo(16384);
    }

    @Test
    void unsupportedSelectorsAndMixedFamiliesAreErrors() {
        List<StaticRule> rs = rules("from 10.1.0.0/16 fwmark 3 table 9 preference 1\nfrom 10.1.0.0/16 to 2001:db8::/32 table 9 preference 2\n"
                + "from 10.1.0.0/16 preference 3");
        assertThat(convert(rs.get(0))).isEqualTo(Conversion.failed(
                "t.conf:5:1: rule 'from 10.1.0.0/16 fwmark 3 table 9 preference 1': unsupported 'fwmark' at word 3"));
        assertThat(convert(rs.get(1))).isInstanceOfSatisfying(Conversion.Failed.class,
                f -> assertThat(f.error()).startsWith("t.conf:6:1: ").contains("different families"));
        assertThat(convert(rs.get(2))).isInstanceOfSatisfying(Conversion.Failed.class,
                f -> assertThat(f.error()).contains("no 'table'"));
    }
}
