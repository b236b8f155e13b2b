package io.keepalived4j.config.check;

import io.keepalived4j.config.Diagnostic;
import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.Position;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the scripts are that the host checks disabled (not found, unsafe under
 * enable_script_security, unknown user): the daemon never runs them, at start or after a reload.
 */
public final class RefusedScripts {

    private static final Set<String> DISABLING = Set.of("script-not-found", "script-unsafe", "script-user");

    private RefusedScripts() {
    }

    public static Set<Position> of(Diagnostics diagnostics) {
        return diagnostics.all().stream().filter(d -> DISABLING.contains(d.code()))
                .map(Diagnostic::position).collect(Collectors.toSet());
    }
}
