package io.keepalived4j.config;

import io.keepalived4j.config.syntax.Limits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** vrrp_strict's firewall rules are not ours to install: one note says so, and changes no verdict. */
class StrictFirewallNoteTest {

    private static List<Diagnostic> load(String text) {
        return ConfigLoader.loadText("t.conf", text, new LoadOptions("test", Limits.DEFAULT, 0)).diagnostics().all();
    }

    private static String instance(String name, int vrid, String extra) {
        return "vrrp_instance " + name + " {\n interface eth0\n virtual_router_id " + vrid + "\n priority 100\n"
                + " advert_int 1\n" + extra + " virtual_ipaddress {\n  10.0.0." + vrid + "/24\n }\n}\n";
    }

    @Test
    void strictNoAcceptInstancesGetOneNoteNamingThemAll() {
        List<Diagnostic> d = load("global_defs {\n vrrp_strict\n}\n" + instance("VI_1", 51, "") + instance("VI_2", 52, ""));
        List<Diagnostic> notes = d.stream().filter(x -> x.code().equals("strict-firewall")).toList();
        assertThat(notes).hasSize(1);
        // The issue asks for one clear warning; it never changes -t's exit status.
        assertThat(notes.getFirst().severity()).isEqualTo(Severity.WARNING);
        assertThat(notes.getFirst().status()).isEqualTo(KaStatus.NONE);
        assertThat(notes.getFirst().message()).contains("VI_1, VI_2").contains("does not manage a firewall");
        assertThat(notes.getFirst().position().line()).isEqualTo(4);
    }

    @Test
    void noNoteWithAcceptOrWithoutStrictMode() {
        assertThat(load("global_defs {\n vrrp_strict\n}\n" + instance("VI_1", 51, " accept\n")))
                .noneMatch(x -> x.code().equals("strict-firewall"));
        assertThat(load(instance("VI_1", 51, ""))).noneMatch(x -> x.code().equals("strict-firewall"));
    }
}
