package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.model.AuthType;
import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.model.VrrpScript;
import io.keepalived4j.config.model.VrrpState;
import io.keepalived4j.config.syntax.Limits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** keepalived's defaults and the inheritance from global_defs, as the VRRP model applies them. */
class VrrpModelDefaultsTest {

    private static LoadResult load(String text) {
        return ConfigLoader.loadText("t.conf", text, new LoadOptions("test", Limits.DEFAULT, 0));
    }

    private static VrrpInstance instance(String globals, String body) {
        LoadResult r = load("global_defs {\n" + globals + "\n}\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
                + body + "\n virtual_ipaddress {\n  10.231.0.100/24\n }\n}\n");
        assertThat(r.model().vrrp().instances()).as(r.diagnostics().all().toString()).hasSize(1);
        return r.model().vrrp().instances().getFirst();
    }

    @Test
    void bareInstanceGetsKeepalivedsDefaults() {
        VrrpInstance i = instance("", "");
        assertThat(i.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(i.priority()).isEqualTo(100);
        assertThat(i.advertIntervalSeconds()).isEqualTo(1.0);
        assertThat(i.version()).isEqualTo(2);
        assertThat(i.authType()).isEqualTo(AuthType.NONE);
        assertThat(i.nopreempt()).isFalse();
        assertThat(i.downTimerAdverts()).isEqualTo(3);
        assertThat(i.garp().masterDelaySeconds()).isEqualTo(5.0);
        assertThat(i.garp().masterRepeat()).isEqualTo(5);
        assertThat(i.accept()).isTrue();
        // RFC 5798 section 6.1 with v2 timing: 3 * 1 s + (256 - 100) / 256 s.
        assertThat(i.masterDownIntervalSeconds()).isEqualTo(3.609375);
    }

    @Test
    void stateMasterWithoutPriorityIsTheAddressOwner() {
        assertThat(instance("", " state MASTER").priority()).isEqualTo(255);
        assertThat(instance("", " state MASTER\n priority 150").priority()).isEqualTo(150);
    }

    @Test
    void globalDefaultsAreInheritedAndInstanceValuesWin() {
        String globals = " vrrp_version 3\n vrrp_garp_master_delay 10\n vrrp_garp_master_repeat 2\n vrrp_down_timer_adverts 5";
        VrrpInstance inherited = instance(globals, "");
        assertThat(inherited.version()).isEqualTo(3);
        assertThat(inherited.garp().masterDelaySeconds()).isEqualTo(10.0);
        assertThat(inherited.garp().masterRepeat()).isEqualTo(2);
        assertThat(inherited.garp().lowerPrioRepeat()).as("garp_lower_prio_repeat defaults to the master repeat").isEqualTo(2);
        assertThat(inherited.downTimerAdverts()).isEqualTo(5);
        VrrpInstance own = instance(globals, " version 2\n garp_master_delay 1\n down_timer_adverts 4");
        assertThat(own.version()).isEqualTo(2);
        assertThat(own.garp().masterDelaySeconds()).isEqualTo(1.0);
        assertThat(own.downTimerAdverts()).isEqualTo(4);
    }

    @Test
    void strictModeForcesThreeAdvertsAndNoAcceptBelowOwner() {
        VrrpInstance i = instance(" vrrp_strict", " down_timer_adverts 7");
        assertThat(i.strictMode()).isTrue();
        assertThat(i.downTimerAdverts()).isEqualTo(3);
        assertThat(i.accept()).isFalse();
    }

    @Test
    void ipv6AddressesMakeTheInstanceVersion3() {
        LoadResult r = load("vrrp_instance V6 {\n interface eth0\n virtual_router_id 7\n virtual_ipaddress {\n  fe80::1/64\n }\n}\n");
        assertThat(r.model().vrrp().instances().getFirst().version()).isEqualTo(3);
    }

    @Test
    void version3IntervalIsKeptInCentisecondsAndVersion2IsRounded() {
        assertThat(instance("", " version 3\n advert_int 0.123").advertIntervalSeconds()).isEqualTo(0.12);
        LoadResult r = load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n advert_int 1.6\n"
                + " virtual_ipaddress {\n  10.231.0.100/24\n }\n}\n");
        assertThat(r.model().vrrp().instances().getFirst().advertIntervalSeconds()).isEqualTo(2.0);
        assertThat(r.diagnostics().all()).anyMatch(d -> d.message().contains("VRRPv2 advertisement interval 1.600000s must be an integer. rounding")
                && d.status() == KaStatus.GENERAL_ERROR);
    }

    @Test
    void trackersAndNotifyScriptsAreRead() {
        LoadResult r = load("vrrp_script chk {\n script \"/usr/bin/test -f /tmp/x\"\n weight -20\n fall 2\n}\n"
                + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n track_script {\n  chk weight 10 reverse\n }\n"
                + " track_interface {\n  eth1 weight -5\n }\n notify_master \"/etc/k/master.sh up\"\n notify /etc/k/all.sh\n"
                + " virtual_ipaddress {\n  10.231.0.100/24\n }\n}\n");
        VrrpScript s = r.model().vrrp().scripts().getFirst();
        assertThat(s.script().command()).isEqualTo("/usr/bin/test -f /tmp/x");
        assertThat(s.weight()).isEqualTo(-20);
        assertThat(s.intervalSeconds()).isEqualTo(1.0);
        assertThat(s.timeoutSeconds()).as("timeout defaults to the interval").isEqualTo(1.0);
        assertThat(s.rise()).isEqualTo(1);
        assertThat(s.fall()).isEqualTo(2);
        VrrpInstance i = r.model().vrrp().instances().getFirst();
        assertThat(i.trackScripts()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("chk");
            assertThat(t.weight()).isEqualTo(10);
            assertThat(t.reverse()).isTrue();
        });
        assertThat(i.trackInterfaces()).singleElement().satisfies(t -> assertThat(t.weight()).isEqualTo(-5));
        assertThat(i.notifyScripts().get("master").command()).isEqualTo("/etc/k/master.sh up");
        assertThat(i.notifyScripts().get("notify").command()).isEqualTo("/etc/k/all.sh");
    }

    @Test
    void globalDefsDefaults() {
        GlobalDefs g = load("global_defs {\n smtp_server 10.231.0.1 2525\n script_user nobody nogroup\n}\n").model().global();
        assertThat(g.routerId()).as("unset: keepalived uses the host name at run time").isEmpty();
        assertThat(g.smtpServer()).isEqualTo("10.231.0.1");
        assertThat(g.smtpPort()).isEqualTo(2525);
        assertThat(g.smtpConnectTimeoutSeconds()).isEqualTo(30.0);
        assertThat(g.scriptUser()).isEqualTo("nobody");
        assertThat(g.scriptGroup()).isEqualTo("nogroup");
        assertThat(g.mcastGroup4().getHostAddress()).isEqualTo("224.0.0.18");
        assertThat(g.vrrpVersion()).isEqualTo(2);
        assertThat(g.enableScriptSecurity()).isFalse();
        // keepalived 2.2.7 does not split "user:group": it is one (unknown) user name (probe 290).
        GlobalDefs colon = load("global_defs {\n script_user nobody:nogroup\n}\n").model().global();
        assertThat(colon.scriptUser()).isEqualTo("nobody:nogroup");
        assertThat(colon.scriptGroup()).isEmpty();
    }

    @Test
    void keywordWithoutItsValueIsKeepalivedsExitTwoButRouterIdIsNot() {
        LoadResult missingPriority = load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority\n}\n");
        assertThat(missingPriority.diagnostics().status().exitCode()).isEqualTo(2);
        LoadResult missingRouterId = load("global_defs {\n router_id\n}\n");
        assertThat(missingRouterId.diagnostics().status().exitCode()).isEqualTo(5);
    }
}
