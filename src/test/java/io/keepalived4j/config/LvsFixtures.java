package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.model.LvsSection;
import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Loading LVS snippets through the public front end, and looking at what came out. */
final class LvsFixtures {

    private LvsFixtures() {
    }

    static LoadResult load(String text) {
        LoadResult r = ConfigLoader.loadText("test.conf", text, LoadOptions.withConfigId("test"));
        assertThat(r.diagnostics().all()).as("no internal error").noneMatch(d -> d.code().equals("internal-error"));
        return r;
    }

    static LvsSection lvs(String text) {
        return load(text).model().lvs();
    }

    /** A TCP/NAT/rr service on 10.1.0.1:80 with {@code body} inside. */
    static String service(String body) {
        return """
                virtual_server 10.1.0.1 80 {
                  lvs_sched rr
                  lvs_method NAT
                  protocol TCP
                %s
                }
                """.formatted(body);
    }

    /** {@link #service} with one real server 10.2.0.1:80 holding {@code body}. */
    static String server(String body) {
        return service("  real_server 10.2.0.1 80 {\n" + body + "\n  }");
    }

    static VirtualServer onlyService(String text) {
        List<VirtualServer> all = lvs(text).virtualServers();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    static RealServer onlyServer(String text) {
        List<RealServer> all = onlyService(text).realServers();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    static Checker onlyChecker(String text) {
        List<Checker> all = onlyServer(text).checkers();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    static List<Diagnostic> withCode(LoadResult r, String code) {
        return r.diagnostics().all().stream().filter(d -> d.code().equals(code)).toList();
    }

    static List<String> messages(LoadResult r) {
        return r.diagnostics().all().stream().map(Diagnostic::message).toList();
    }

    /** What {@code -t} would exit with, from this load alone (no host checks). */
    static int exit(LoadResult r) {
        return r.diagnostics().status().exitCode();
    }
}
