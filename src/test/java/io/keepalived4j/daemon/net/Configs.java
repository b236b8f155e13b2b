package io.keepalived4j.daemon.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.syntax.Limits;

/** keepalived.conf text to the typed model, as the daemon gets it. */
final class Configs {

    private Configs() {
    }

    static KeepalivedConfig load(String text) {
        ConfigLoader.LoadResult r = ConfigLoader.loadText("t.conf", text, new LoadOptions("test", Limits.DEFAULT, 0));
        return r.model();
    }

    /** One instance VI_1 on eth0 with {@code body} (its address/route/rule blocks). */
    static VrrpInstance instance(String body) {
        KeepalivedConfig c = load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n" + body + "\n}\n");
        assertThat(c.vrrp().instances()).hasSize(1);
        return c.vrrp().instances().getFirst();
    }
}
