package io.keepalived4j.config.check;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.syntax.Node;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which user a script runs as, decided as keepalived 2.2.7 decides it (lib/notify.c
 * set_uid_gid(), set_default_script_user(), get_default_script_user()): a script's own user
 * and group must exist; otherwise the default user, which is global_defs' {@code script_user}
 * (an unknown one is "Error setting global script uid/gid" and leaves no default), else
 * {@code keepalived_script} if it exists, else root - unless {@code enable_script_security} is
 * set, when a missing keepalived_script user is an error, reported once.
 */
final class ScriptUsers {

    static final String DEFAULT_USER = "keepalived_script";
    private static final HostEnvironment.UserIds ROOT = new HostEnvironment.UserIds(0, 0);

    private final HostEnvironment host;
    private final Diagnostics diagnostics;
    private final boolean scriptSecurity;
    private boolean defaultDecided;
    private boolean defaultFailed;
    private HostEnvironment.UserIds defaultUser = ROOT;

    /** @param scriptUserLines every global_defs {@code script_user} statement, in order */
    ScriptUsers(List<Node> scriptUserLines, boolean scriptSecurity, HostEnvironment host, Diagnostics diagnostics) {
        this.host = host;
        this.diagnostics = diagnostics;
        this.scriptSecurity = scriptSecurity;
        for (Node line : scriptUserLines) {
            if (line.argCount() == 0) {
                continue;   // the builder reports "No script username specified"
            }
            defaultDecided = true;
            Optional<HostEnvironment.UserIds> u = ids(line.arg(0), line.argCount() > 1 ? line.arg(1) : null);
            if (u.isEmpty()) {
                defaultFailed = true;
                diagnostics.error(KaStatus.GENERAL_ERROR, line.position(), "script-user", "Error setting global script uid/gid",
                        line.text(), "create user " + line.arg(0) + (line.argCount() > 1 ? " and group " + line.arg(1) : "")
                                + ", or name an existing one");
            } else {
                defaultUser = u.get();
            }
        }
    }

    /** A script's own {@code USER [GROUP]}; empty when either does not exist. */
    Optional<HostEnvironment.UserIds> ids(String user, String group) {
        Optional<HostEnvironment.UserIds> u = host.user(user);
        if (u.isEmpty() || group == null || group.isEmpty()) {
            return u;
        }
        OptionalInt gid = host.group(group);
        return gid.isPresent() ? Optional.of(new HostEnvironment.UserIds(u.get().uid(), gid.getAsInt())) : Optional.empty();
    }

    /**
     * The default user for a script configured at {@code askedAt}; empty when there is none. The
     * first script that needs it decides it, and with script security a missing keepalived_script
     * user is reported there.
     */
    Optional<HostEnvironment.UserIds> defaultUser(Position askedAt) {
        if (!defaultDecided) {
            defaultDecided = true;
            Optional<HostEnvironment.UserIds> ks = host.user(DEFAULT_USER);
            if (ks.isPresent()) {
                defaultUser = ks.get();
            } else if (scriptSecurity) {
                defaultFailed = true;
                diagnostics.error(KaStatus.GENERAL_ERROR, askedAt, "script-user", "Unable to set default user " + DEFAULT_USER
                        + " for script", "", "set script_user in global_defs (e.g. script_user root), or create the user "
                        + DEFAULT_USER);
            }
        }
        return defaultFailed ? Optional.empty() : Optional.of(defaultUser);
    }
}
