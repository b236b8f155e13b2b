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
        LoadResult r = ConfigLoader.load(file, options);
        if (r.model() != null) {
            EnvironmentChecks.check(r.model(), r.tree(), host, r.diagnostics());
        }
        return r;
    }

    /** The same for text (tests, tools). */
    public static LoadResult runText(String name, String text, LoadOptions options, HostEnvironment host) {
        LoadResult r = ConfigLoader.loadText(name, text, options);
        if (r.model() != null) {
            EnvironmentChecks.check(r.model(), r.tree(), host, r.diagnostics());
        }
        return r;
    }
}
