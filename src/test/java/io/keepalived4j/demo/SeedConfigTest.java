package io.keepalived4j.demo;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VrrpInstance;
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
    void masterKeepsSeedInstanceInTheDemoSubnetWithoutVirtualServer() {
        String text = SeedConfig.master(PREFIX);
        KeepalivedConfig c = load(text);
        assertThat(c.lvs().virtualServers()).isEmpty();
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
        assertThat(code(text)).doesNotContain(SeedConfig.SEED_PREFIX).doesNotContain("real_server").doesNotContain("HTTP_GET");
        assertThat(text).startsWith("! keepalived4j demo: derived from seed 004");
    }

    @Test
    void backupIsTheSeedsBackupWithPriority50() {
        VrrpInstance vi = load(SeedConfig.backup(PREFIX)).vrrp().instances().getFirst();
        assertThat(vi.state().name()).isEqualTo("BACKUP");
        assertThat(vi.priority()).isEqualTo(50);
        assertThat(vi.virtualRouterId()).isEqualTo(51);
    }

    @Test
    void deriveDropsOnlyTopLevelVirtualServerBlocks() {
        String seed = """
                vrrp_instance VI_1 { # keeps {braces} in comments out of the count
                    virtual_ipaddress {
                        10.231.5.100
                    }
                }
                virtual_server 10.231.5.100 80 { # 配置
                    real_server 10.231.5.21 80 {
                        TCP_CHECK {
                        }
                    }
                }
                global_defs {
                }
                """;
        String out = SeedConfig.derive(seed, PREFIX);
        assertThat(code(out)).contains("vrrp_instance VI_1", "10.213.7.100", "global_defs {")
                .doesNotContain("virtual_server", "real_server", "TCP_CHECK");
    }
}
