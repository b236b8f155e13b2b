package io.keepalived4j.config.check;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.LoadOptions;

import java.nio.file.Path;

/**
 * What {@code keepalived -t} does: read the configuration, then check it against this host
 * (interfaces, scripts and their security) without touching the network.
 */
public final class ConfigTest {

    private ConfigTest() {
    }

    public static LoadResult run(Path file, LoadOptions options, HostEnvironment host) {
        return hostChecks(ConfigLoader.load(file, options), host);
    }

    /** The same for text (tests, tools). */
    public static LoadResult runText(String name, String text, LoadOptions options, HostEnvironment host) {
        return hostChecks(ConfigLoader.loadText(name, text, options), host);
    }

    private static LoadResult hostChecks(LoadResult r, HostEnvironment host) {
        if (r.model() == null) {
            return r;
        }
        var ns = NetworkNamespace.of(r.tree());
        if (ns.isPresent() && !host.networkNamespaceExists(ns.get().arg(0))) {
            NetworkNamespace.missing(ns.get(), r.tree(), r.diagnostics());
            return r;
        }
        EnvironmentChecks.check(r.model(), r.tree(), host, r.diagnostics());
        return r;
    }
}
