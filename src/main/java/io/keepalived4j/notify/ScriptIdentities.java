package io.keepalived4j.notify;

import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.Script;
import io.keepalived4j.os.process.CommandLine;
import io.keepalived4j.os.process.RunAs;
import io.keepalived4j.os.process.ScriptPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns configured scripts into runnable ones: argv split as keepalived splits it and the
 * identity resolved as keepalived resolves it (the script's own {@code user U [G]}, else
 * {@code script_user}, else {@code keepalived_script} if it exists, else root, except that with
 * {@code enable_script_security} a missing keepalived_script removes the script). A script whose
 * user does not exist or whose command does not split is dropped with a log line, as keepalived
 * drops it at load time.
 */
public final class ScriptIdentities {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptIdentities.class);

    private final Optional<RunAs> defaultIdentity;
    private final boolean initGroups;
    private final java.util.Set<io.keepalived4j.config.Position> refused;

    public ScriptIdentities(Optional<RunAs> defaultIdentity, boolean initGroups) {
        this(defaultIdentity, initGroups, java.util.Set.of());
    }

    private ScriptIdentities(Optional<RunAs> defaultIdentity, boolean initGroups,
                             java.util.Set<io.keepalived4j.config.Position> refused) {
        this.defaultIdentity = defaultIdentity;
        this.initGroups = initGroups;
        this.refused = java.util.Set.copyOf(refused);
    }

    /**
     * The same, refusing the scripts configured at these positions: those keepalived disables at
     * start (not found, unsafe permissions with enable_script_security, unknown user), as the
     * host checks reported them.
     */
    public ScriptIdentities refusing(java.util.Set<io.keepalived4j.config.Position> positions) {
        return new ScriptIdentities(defaultIdentity, initGroups, positions);
    }

    public static ScriptIdentities of(GlobalDefs g) {
        List<String> ssg = g.other().getOrDefault("set_supplementary_groups", null);
        boolean initGroups = ssg != null && (ssg.isEmpty() || !List.of("false", "no", "off", "0").contains(ssg.getFirst()));
        Optional<RunAs> def = RunAs.scriptDefault(g.scriptUser(), g.scriptGroup(), initGroups);
        if (g.scriptUser().isEmpty() && def.isPresent() && !def.get().user().equals(RunAs.DEFAULT_SCRIPT_USER)) {
            if (g.enableScriptSecurity()) {
                // lib/notify.c: with script_security a missing default user is an error and the
                // scripts relying on it are removed, never silently run as root.
                LOG.warn("Unable to set default user {} for script - removing", RunAs.DEFAULT_SCRIPT_USER);
                def = Optional.empty();
            } else {
                LOG.info("Script user '{}' does not exist", RunAs.DEFAULT_SCRIPT_USER);
            }
        }
        return new ScriptIdentities(def, initGroups);
    }

    /** Whether the configuration item at {@code p} (a script, or its vrrp_script block) was disabled. */
    public boolean refuses(io.keepalived4j.config.Position p) {
        return refused.contains(p);
    }

    public Optional<NotifyScript> resolve(Script s) {
        if (s.command().isBlank() || refused.contains(s.position())) {
            return Optional.empty();
        }
        List<String> argv;
        try {
            argv = CommandLine.split(s.command());
        } catch (IllegalArgumentException e) {
            LOG.warn("{} - script ignored", e.getMessage());
            return Optional.empty();
        }
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        // Run the very file the script-security check looked at: its absolute, resolved path.
        Optional<java.nio.file.Path> path = ScriptPath.resolve(argv.getFirst());
        if (path.isEmpty()) {
            LOG.warn("Cannot find script {} - disabling", argv.getFirst());
            return Optional.empty();
        }
        argv = new java.util.ArrayList<>(argv);
        argv.set(0, path.get().toString());
        Optional<RunAs> who = s.user().isEmpty() ? defaultIdentity : RunAs.lookup(s.user(), s.group(), initGroups);
        if (who.isEmpty()) {
            LOG.warn("Failed to set uid/gid for script '{}' - removing", s.command());
            return Optional.empty();
        }
        return Optional.of(new NotifyScript(argv, who.get()));
    }

    /** The runnable form of a block's notify scripts (VrrpInstance/SyncGroup notifyScripts()). */
    public NotifyTarget target(Map<String, Script> scripts, boolean smtpAlert) {
        Map<String, NotifyScript> ready = new HashMap<>();
        scripts.forEach((event, script) -> resolve(script).ifPresent(ns -> ready.put(event, ns)));
        return new NotifyTarget(ready, smtpAlert);
    }
}
