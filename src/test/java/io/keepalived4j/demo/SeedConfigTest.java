package io.keepalived4j.demo;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.model.lvs.VirtualServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeedConfigTest {

    private static final String PREFIX = "10.213.7.";

    private static KeepalivedConfig load(String text) {
        ConfigLoader.LoadResult r = ConfigLoader.loadText("demo.conf", text, LoadOptions.withConfigId(null));
        assertThat(r.diagnostics().status()).as(r.diagnostics().all().toString()).isEqualTo(KaStatus.NONE);
        return r.model();
    }

    /** The file without its leading "!" comment lines (the demo's header names both subnets). */
    private static String code(String text) {
        return String.join("\n", text.lines().filter(l -> !l.startsWith("!")).toList());
    }

    @Test
    void masterKeepsSeedInstanceAndVirtualServerInTheDemoSubnetAndAddsSeed001s() {
        String text = SeedConfig.master(PREFIX);
        KeepalivedConfig c = load(text);
        VrrpInstance vi = c.vrrp().instances().getFirst();
        assertThat(c.vrrp().instances()).hasSize(1);
        assertThat(vi.name()).isEqualTo("VI_1");
        assertThat(vi.state().name()).isEqualTo("MASTER");
        assertThat(vi.priority()).isEqualTo(100);
        assertThat(vi.virtualRouterId()).isEqualTo(51);
        assertThat(vi.interfaceName()).isEqualTo("eth0");
        assertThat(vi.authPass()).isEqualTo("1111");
        assertThat(vi.virtualAddresses()).singleElement()
                .satisfies(a -> assertThat(a.address().getHostAddress()).isEqualTo(PREFIX + "100"));
        // Seed 004's rr with HTTP_GET on port 80, seed 001's persistent wrr on 8080, both on the VIP.
        assertThat(c.lvs().virtualServers()).extracting(VirtualServer::describe)
                .containsExactly("[" + PREFIX + "100]:tcp:80", "[" + PREFIX + "100]:tcp:" + SeedConfig.WEBSOCKET_PORT);
        assertThat(c.lvs().virtualServers().get(0).scheduler()).isEqualTo("rr");
        assertThat(c.lvs().virtualServers().get(1).scheduler()).isEqualTo("wrr");
        assertThat(c.lvs().virtualServers().get(1).persistence().timeoutSeconds()).isEqualTo(3600);
        assertThat(c.lvs().virtualServers()).allSatisfy(vs -> assertThat(vs.realServers()).extracting(r -> r.address().getHostAddress())
                .containsExactly(PREFIX + "21", PREFIX + "22"));
        assertThat(c.global().other().get("lvs_sync_daemon")).containsExactly("eth0", "VI_1");
        assertThat(code(text)).doesNotContain(SeedConfig.SEED_PREFIX).contains("HTTP_GET");
        assertThat(text).startsWith("! keepalived4j demo: derived from seed 004");
    }

    @Test
    void backupIsTheSeedsBackupWithPriority50() {
        VrrpInstance vi = load(SeedConfig.backup(PREFIX)).vrrp().instances().getFirst();
        assertThat(vi.state().name()).isEqualTo("BACKUP");
        assertThat(vi.priority()).isEqualTo(50);
        assertThat(vi.virtualRouterId()).isEqualTo(51);
    }
}
