package io.keepalived4j.config.check;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.model.KeepalivedConfig;

/** Checks that need the host: interfaces named in the config exist, scripts exist and are safe. */
final class EnvironmentChecks {

    private EnvironmentChecks() {
    }

    static void check(KeepalivedConfig config, HostEnvironment host, Diagnostics diagnostics) {
        // Filled in with the model: interfaces, scripts and enable_script_security.
    }
}
