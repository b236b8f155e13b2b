package io.keepalived4j.daemon.reload;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VrrpInstance;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which instances a reload keeps, changes in place, re-builds, adds and removes, matched as
 * keepalived 2.2.7's vrrp_exist() matches them (VRID, family, interface, unicast source, VMAC;
 * not the name), with file positions (a comment added above) never counting as a change.
 */
class ReloadPlanTest {

    private static List<VrrpInstance> instances(String text) {
        ConfigLoader.LoadResult r = ConfigLoader.loadText("r.conf", text, LoadOptions.withConfigId("t"));
        assertThat(r.model()).as(r.diagnostics().toString()).isNotNull();
        KeepalivedConfig c = r.model();
        return c.vrrp().instances();
    }

    private static String instance(String name, int vrid, String iface, int priority, String... vips) {
        return """
                vrrp_instance %s {
                    state BACKUP
                    interface %s
                    virtual_router_id %d
                    priority %d
                    advert_int 1
                    virtual_ipaddress {
                %s
                    }
                }
                """.formatted(name, iface, vrid, priority, String.join("\n", List.of(vips).stream().map(v -> "        " + v).toList()));
    }

    @Test
    void unchangedInstancesMatchEvenWhenTheyMovedInTheFile() {
        List<VrrpInstance> before = instances(instance("VI_1", 51, "eth0", 100, "10.0.0.100"));
        List<VrrpInstance> after = instances("# a comment moves every line\n\n" + instance("VI_1", 51, "eth0", 100, "10.0.0.100"));
        ReloadPlan p = ReloadPlan.of(before, after);
        assertThat(p.matched()).singleElement().satisfies(m -> assertThat(m.unchanged()).isTrue());
        assertThat(p.added()).isEmpty();
        assertThat(p.removed()).isEmpty();
    }

    @Test
    void priorityAndVipChangesAreInPlace() {
        List<VrrpInstance> before = instances(instance("VI_1", 51, "eth0", 100, "10.0.0.100", "10.0.0.101")
                + instance("VI_2", 52, "eth0", 100, "10.0.0.102"));
        List<VrrpInstance> after = instances(instance("VI_1", 51, "eth0", 150, "10.0.0.100", "10.0.0.101")
                + instance("VI_2", 52, "eth0", 100, "10.0.0.102", "10.0.0.103"));
        ReloadPlan p = ReloadPlan.of(before, after);
        assertThat(p.matched()).extracting(m -> m.after().name() + " " + m.changes())
                .containsExactly("VI_1 [PRIORITY]", "VI_2 [VIPS]");
    }

    @Test
    void theMatchIsKeepalivedsNotTheName() {
        List<VrrpInstance> before = instances(instance("VI_1", 51, "eth0", 100, "10.0.0.100")
                + instance("VI_2", 52, "eth0", 100, "10.0.0.102")
                + instance("VI_3", 53, "eth0", 100, "10.0.0.103"));
        List<VrrpInstance> after = instances(instance("WEB", 51, "eth0", 100, "10.0.0.100")   // renamed: same instance
                + instance("VI_2", 52, "eth1", 100, "10.0.0.102")                            // other interface: new
                + instance("VI_4", 54, "eth0", 100, "10.0.0.104"));                           // added; VI_3 removed
        ReloadPlan p = ReloadPlan.of(before, after);
        assertThat(p.matched()).extracting(m -> m.before().name() + "->" + m.after().name() + " " + m.changes())
                .containsExactly("VI_1->WEB [OTHER]");
        assertThat(p.added()).extracting(VrrpInstance::name).containsExactly("VI_2", "VI_4");
        assertThat(p.removed()).extracting(VrrpInstance::name).containsExactlyInAnyOrder("VI_2", "VI_3");
    }

    @Test
    void otherSettingsAreAChangeOfTheirOwn() {
        List<VrrpInstance> before = instances(instance("VI_1", 51, "eth0", 100, "10.0.0.100"));
        List<VrrpInstance> after = instances(instance("VI_1", 51, "eth0", 120, "10.0.0.100")
                .replace("advert_int 1", "advert_int 2"));
        assertThat(ReloadPlan.of(before, after).matched()).singleElement()
                .satisfies(m -> assertThat(m.changes()).containsExactlyInAnyOrder(ReloadPlan.Change.PRIORITY,
                        ReloadPlan.Change.OTHER));
    }

    @Test
    void theFamilyIsPartOfTheIdentity() {
        List<VrrpInstance> before = instances(instance("VI_1", 51, "eth0", 100, "10.0.0.100"));
        List<VrrpInstance> after = instances(instance("VI_1", 51, "eth0", 100, "2001:db8::100"));
        ReloadPlan p = ReloadPlan.of(before, after);
        assertThat(p.matched()).isEmpty();
        assertThat(p.added()).hasSize(1);
        assertThat(p.removed()).hasSize(1);
    }
}
