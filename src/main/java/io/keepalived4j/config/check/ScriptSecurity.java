package io.keepalived4j.config.check;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.SyncGroup;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.model.VrrpScript;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's script checks at {@code -t} time (notify.c, as 2.2.7 behaves, see
 * docs/keepalived-2.2.7-config-test.md section 7):
 * <ul>
 *   <li>a vrrp_script whose command does not exist is disabled ("not found/accessible", exit 5);
 *       other missing scripts are silently never run;</li>
 *   <li>any existing script without {@code enable_script_security} is a SECURITY VIOLATION
 *       (exit 6), reported once for the VRRP side and once for the checker side;</li>
 *   <li>with it, a script runs as {@code script_user} (default {@code keepalived_script}, which
 *       must exist) and is refused when a non-root user could change it.</li>
 * </ul>
 */
final class ScriptSecurity {

    private static final String DEFAULT_USER = "keepalived_script";

    private ScriptSecurity() {
    }

    static void check(KeepalivedConfig config, HostEnvironment host, Diagnostics d) {
        GlobalDefs g = config.global();
        List<Script> vrrpScripts = new ArrayList<>();
        for (VrrpScript s : config.vrrp().scripts()) {
            if (resolve(s.script(), host).isEmpty()) {
                d.error(KaStatus.GENERAL_ERROR, s.position(), "script-not-found",
                        "Disabling track script " + s.name() + " since not found/accessible", s.script().command(),
                        "give the full path of an executable file");
            } else {
                vrrpScripts.add(s.script());
            }
        }
        for (VrrpInstance i : config.vrrp().instances()) {
            vrrpScripts.addAll(existing(i.notifyScripts().values(), host));
        }
        for (SyncGroup sg : config.vrrp().syncGroups()) {
            vrrpScripts.addAll(existing(sg.notifyScripts().values(), host));
        }
        List<Script> checkerScripts = existing(config.lvs().scripts(), host);
        for (Script s : config.lvs().miscCheckScripts()) {
            if (!s.user().isEmpty() && !host.userExists(s.user())) {
                d.error(KaStatus.GENERAL_ERROR, s.position(), "script-user",
                        "Failed to set uid/gid for misc checker script '" + s.command() + "' - removing", s.command(),
                        "create user " + s.user() + " or change the user");
            }
        }
        side(vrrpScripts, "scripts", g, host, d);
        side(checkerScripts, "check scripts", g, host, d);
    }

    private static void side(List<Script> scripts, String what, GlobalDefs g, HostEnvironment host, Diagnostics d) {
        if (scripts.isEmpty()) {
            return;
        }
        if (!g.enableScriptSecurity()) {
            d.error(KaStatus.SECURITY_ERROR, scripts.getFirst().position(), "script-security",
                    "SECURITY VIOLATION - " + what + " are being executed but script_security not enabled.",
                    scripts.getFirst().command(),
                    "add enable_script_security and script_user to global_defs, and make scripts root-owned, not writable by others");
            return;
        }
        for (Script s : scripts) {
            String user = !s.user().isEmpty() ? s.user() : !g.scriptUser().isEmpty() ? g.scriptUser() : DEFAULT_USER;
            if (!host.userExists(user)) {
                d.error(KaStatus.GENERAL_ERROR, s.position(), "script-user", user.equals(DEFAULT_USER)
                                ? "Unable to set default user " + DEFAULT_USER + " for script - removing"
                                : "Unable to set user " + user + " for script - removing", s.command(),
                        "set script_user in global_defs (e.g. script_user root) or create the user");
                continue;
            }
            resolve(s, host).ifPresent(f -> {
                boolean writableByOthers = f.ownerUid() != 0 || (f.mode() & 0022) != 0;
                if (writableByOthers || !f.unsafeDirectory().isEmpty()) {
                    d.error(KaStatus.GENERAL_ERROR, s.position(), "script-unsafe",
                            "Unsafe permissions found for script '" + s.command() + "' - disabling", s.command(),
                            writableByOthers ? "make " + f.path() + " owned by root and not writable by group or others"
                                    : "directory " + f.unsafeDirectory() + " is writable by a non-root user");
                }
            });
        }
    }

    private static List<Script> existing(Iterable<Script> scripts, HostEnvironment host) {
        List<Script> out = new ArrayList<>();
        for (Script s : scripts) {
            if (resolve(s, host).isPresent()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The script's executable, as keepalived finds it: a path, or a name in its PATH. */
    static Optional<HostEnvironment.FileFacts> resolve(Script s, HostEnvironment host) {
        String exe = s.executable();
        if (exe.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> path = exe.contains("/") ? Optional.of(exe) : host.which(exe);
        return path.flatMap(host::file).filter(HostEnvironment.FileFacts::executable);
    }

    static Position at(Script s) {
        return s.position();
    }
}
