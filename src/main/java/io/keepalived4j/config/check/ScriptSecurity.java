package io.keepalived4j.config.check;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.build.LvsScripts;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.VrrpScript;
import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.MiscCheck;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.config.syntax.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * keepalived 2.2.7's script checks at {@code -t} time, in its two steps (see
 * docs/keepalived-2.2.7-config-test.md section 7):
 * <ol>
 *   <li>while reading, each script gets its user ({@link ScriptUsers}). A vrrp_script or a
 *       MISC_CHECK whose user cannot be set is removed with an error; a notify script is dropped
 *       silently (keepalived only logs it);</li>
 *   <li>once the configuration is read, each remaining script is looked at on disk (lib/notify.c
 *       check_script_secure()): one that is missing is "not found" (an error only for a
 *       vrrp_script), an existing one makes "a script is executed", and a root-run one that a
 *       non-root user could change is insecure (disabled when script security is on, which is an
 *       error only for a vrrp_script). A script given as {@code </dev/tcp/...} is not a file and
 *       never counts. Then, without {@code enable_script_security}, any script that exists is a
 *       SECURITY VIOLATION (exit 6), once for each process that has one: VRRP, checker, and the
 *       parent's start/shutdown scripts.</li>
 * </ol>
 * The VRRP process only makes step 2 when it has instances and reaches its completion checks
 * (not with a missing interface); the checker only when it has virtual servers.
 */
final class ScriptSecurity {

    private static final List<String> NOTIFY = List.of("notify_master", "notify_backup", "notify_fault", "notify_stop",
            "notify_deleted", "notify_master_rx_lower_pri", "notify");

    /** What keepalived does with a script that cannot run, by where it was configured. */
    private enum Kind { TRACK, MISC, NOTIFY, START_STOP }

    /** A script and, once step 1 found one, the user it runs as. */
    private static final class Candidate {
        final Script script;
        final Kind kind;
        final String label;
        HostEnvironment.UserIds user;

        Candidate(Script script, Kind kind, String label) {
            this.script = script;
            this.kind = kind;
            this.label = label;
        }
    }

    private final KeepalivedConfig config;
    private final List<Node> tree;
    private final HostEnvironment host;
    private final Diagnostics d;
    private final boolean security;

    private ScriptSecurity(KeepalivedConfig config, List<Node> tree, HostEnvironment host, Diagnostics d) {
        this.config = config;
        this.tree = tree;
        this.host = host;
        this.d = d;
        this.security = config.global().enableScriptSecurity();
    }

    /** @param vrrpCompletes whether keepalived's VRRP process gets to its completion checks */
    static void check(KeepalivedConfig config, List<Node> tree, HostEnvironment host, Diagnostics d, boolean vrrpCompletes) {
        new ScriptSecurity(config, tree, host, d).run(vrrpCompletes);
    }

    private void run(boolean vrrpCompletes) {
        ScriptUsers users = new ScriptUsers(globalLines("script_user"), security, host, d);
        // Reading order: the parent's global_defs, then the checker's configuration, then the VRRP one.
        List<Candidate> startStop = new ArrayList<>();
        globalScript("startup_script", "startup script", Kind.START_STOP).ifPresent(startStop::add);
        globalScript("shutdown_script", "shutdown script", Kind.START_STOP).ifPresent(startStop::add);
        Optional<Candidate> fifo = globalScript("notify_fifo_script", "notify_fifo_script", Kind.NOTIFY);
        Optional<Candidate> vrrpFifo = globalScript("vrrp_notify_fifo_script", "vrrp_notify_fifo_script", Kind.NOTIFY);
        Optional<Candidate> lvsFifo = globalScript("lvs_notify_fifo_script", "lvs_notify_fifo_script", Kind.NOTIFY);
        List<Candidate> checker = checkerScripts();
        List<Candidate> vrrp = vrrpScripts();
        List<Candidate> all = new ArrayList<>(startStop);
        fifo.ifPresent(all::add);
        vrrpFifo.ifPresent(all::add);
        lvsFifo.ifPresent(all::add);
        all.addAll(checker);
        all.addAll(vrrp);
        for (Candidate c : all) {
            assignUser(c, users);
        }
        side(startStop, "start/shutdown scripts");
        if (!config.lvs().virtualServers().isEmpty()) {
            List<Candidate> scripts = new ArrayList<>(checker);
            fifo.ifPresent(scripts::add);
            lvsFifo.ifPresent(scripts::add);
            side(scripts, "check scripts");
        }
        if (vrrpCompletes && hasVrrpInstance()) {
            List<Candidate> scripts = new ArrayList<>(vrrp);
            fifo.ifPresent(scripts::add);
            vrrpFifo.ifPresent(scripts::add);
            side(scripts, "scripts");
        }
    }

    /** Step 1: the script's user; one that cannot be set removes the script (with an error where keepalived gives one). */
    private void assignUser(Candidate c, ScriptUsers users) {
        Script s = c.script;
        boolean own = !s.user().isEmpty();
        Optional<HostEnvironment.UserIds> u = own ? users.ids(s.user(), s.group()) : users.defaultUser(s.position());
        if (u.isPresent()) {
            c.user = u.get();
            return;
        }
        String hint = own ? "create user " + s.user() + " or name an existing one"
                : "set script_user in global_defs (e.g. script_user root)";
        switch (c.kind) {
            case TRACK -> d.error(KaStatus.GENERAL_ERROR, s.position(), "script-user", own
                    ? "Unable to set uid/gid for script " + s.executable()
                    : "Unable to set default user for vrrp script " + c.label + " - removing", s.command(), hint);
            case MISC -> d.error(KaStatus.GENERAL_ERROR, s.position(), "script-user", own
                    ? "Failed to set uid/gid for misc checker script '" + s.command() + "' - removing"
                    : "Unable to set default user for misc script '" + s.command() + "' - removing", s.command(), hint);
            case START_STOP -> d.error(KaStatus.GENERAL_ERROR, s.position(), "script-user", "Invalid " + c.label,
                    s.command(), hint);
            case NOTIFY -> d.note(s.position(), "script-user", (own ? "Invalid user/group for " : "Failed to set default user for ")
                    + c.label + " " + s.executable() + " - ignoring (keepalived 2.2.7 drops the script without an error)",
                    s.command(), hint);
        }
    }

    /** Step 2 for one process: each remaining script on disk, then the violation if any exists. */
    private void side(List<Candidate> scripts, String what) {
        Candidate first = null;
        boolean insecure = false;
        for (Candidate c : scripts) {
            if (c.user == null) {
                continue;
            }
            Optional<Boolean> exists = onDisk(c);
            if (exists.orElse(false)) {
                first = first == null ? c : first;
                insecure |= insecure(c);
            }
        }
        if (!security && first != null) {
            d.error(KaStatus.SECURITY_ERROR, first.script.position(), "script-security",
                    "SECURITY VIOLATION - " + what + " are being executed but script_security not enabled."
                            + (insecure ? " There are insecure scripts." : ""), first.script.command(),
                    "add enable_script_security and script_user to global_defs, and make scripts root-owned, not writable by others");
        }
    }

    /**
     * check_script_secure() for one script: empty for a {@code </path} test (not a file), false
     * when it is not found, true when it exists. Reports what keepalived reports on the way.
     */
    private Optional<Boolean> onDisk(Candidate c) {
        Script s = c.script;
        String exe = s.executable();
        if (exe.startsWith("<") && exe.substring(1).stripLeading().startsWith("/")) {
            return Optional.empty();
        }
        Optional<HostEnvironment.FileFacts> f = resolve(s, host);
        if (f.isEmpty()) {
            if (c.kind == Kind.TRACK) {
                d.error(KaStatus.GENERAL_ERROR, s.position(), "script-not-found",
                        "Disabling track script " + c.label + " since not found/accessible", s.command(),
                        "give the full path of an executable file");
            } else {
                d.note(s.position(), "script-not-found", "script " + exe + " not found - keepalived 2.2.7 does not run it",
                        s.command(), "give the full path of an executable file");
            }
            return Optional.of(false);
        }
        if (!f.get().executableBy(c.user)) {
            d.note(s.position(), "script-not-executable", "WARNING - script '" + exe + "' is not executable for uid:gid "
                    + c.user.uid() + ":" + c.user.gid() + " - disabling.", s.command(), "chmod +x " + f.get().path());
        }
        return Optional.of(true);
    }

    /** The path check of a script run with root rights; reports and returns whether it is insecure. */
    private boolean insecure(Candidate c) {
        Script s = c.script;
        HostEnvironment.FileFacts f = resolve(s, host).orElseThrow();
        int mode = f.mode();
        boolean setRoot = (f.ownerUid() == 0 && (mode & 04100) == 04100) || (f.ownerGid() == 0 && (mode & 02010) == 02010);
        boolean rootRun = f.executableBy(c.user) && (c.user.uid() == 0 || c.user.gid() == 0 || setRoot);
        if (!rootRun || (!f.writableByOthers() && f.unsafeDirectory().isEmpty())) {
            return false;
        }
        String hint = f.writableByOthers() ? "make " + f.path() + " owned by root and not writable by group or others"
                : "directory " + f.unsafeDirectory() + " is writable by a non-root user";
        // Code script-unsafe disables the script (cli.KeepalivedCommand); without script security
        // keepalived still runs it, so the finding then has a code of its own.
        d.note(s.position(), security ? "script-unsafe" : "script-insecure", "Unsafe permissions found for script '"
                + s.executable() + "'" + (security ? " - disabling" : "") + ".", s.command(), hint);
        if (security && c.kind == Kind.TRACK) {
            d.error(KaStatus.GENERAL_ERROR, s.position(), "script-unsafe", "Disabling track script " + c.label
                    + " due to insecure", s.command(), hint);
        }
        return true;
    }

    /** The script's executable, as keepalived finds it: a path, or a name in its PATH. */
    static Optional<HostEnvironment.FileFacts> resolve(Script s, HostEnvironment host) {
        String exe = s.executable();
        if (exe.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> path = exe.contains("/") ? Optional.of(exe) : host.which(exe);
        return path.flatMap(host::file);
    }

    private List<Candidate> checkerScripts() {
        List<Candidate> out = new ArrayList<>();
        for (VirtualServer vs : config.lvs().virtualServers()) {
            vs.pool().quorumUp().ifPresent(s -> out.add(new Candidate(s, Kind.NOTIFY, "quorum_up script")));
            vs.pool().quorumDown().ifPresent(s -> out.add(new Candidate(s, Kind.NOTIFY, "quorum_down script")));
            for (RealServer rs : vs.realServers()) {
                rs.notifyUp().ifPresent(s -> out.add(new Candidate(s, Kind.NOTIFY, "notify_up script")));
                rs.notifyDown().ifPresent(s -> out.add(new Candidate(s, Kind.NOTIFY, "notify_down script")));
                for (Checker ch : rs.checkers()) {
                    if (ch instanceof MiscCheck misc) {
                        out.add(new Candidate(misc.script(), Kind.MISC, "misc script"));
                    }
                }
            }
        }
        out.sort(Comparator.comparing((Candidate c) -> c.script.position().file())
                .thenComparingInt(c -> c.script.position().line()));
        return out;
    }

    /**
     * vrrp_scripts from the model; notify scripts from the tree, because keepalived checks those
     * of every instance it read, even one that completion would refuse (no VRID).
     */
    private List<Candidate> vrrpScripts() {
        List<Candidate> out = new ArrayList<>();
        for (VrrpScript s : config.vrrp().scripts()) {
            out.add(new Candidate(s.script(), Kind.TRACK, s.name()));
        }
        Set<String> instances = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (Node n : tree) {
            boolean instance = n.keyword().equals("vrrp_instance");
            if (!n.isBlock() || n.argCount() != 1 || !(instance || n.keyword().equals("vrrp_sync_group"))
                    || !(instance ? instances : groups).add(n.arg(0))) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Node c : n.children()) {
                if (NOTIFY.contains(c.keyword()) && seen.add(c.keyword()) && c.argCount() > 0) {
                    out.add(new Candidate(LvsScripts.notify(c), Kind.NOTIFY, "notify script"));
                }
            }
        }
        out.sort(Comparator.comparing((Candidate c) -> c.script.position().file())
                .thenComparingInt(c -> c.script.position().line()));
        return out;
    }

    private boolean hasVrrpInstance() {
        return tree.stream().anyMatch(n -> n.keyword().equals("vrrp_instance") && n.isBlock() && n.argCount() == 1);
    }

    /** The first {@code keyword} statement of global_defs as a script; a second one is refused. */
    private Optional<Candidate> globalScript(String keyword, String label, Kind kind) {
        List<Node> lines = globalLines(keyword);
        Candidate found = null;
        for (Node line : lines) {
            if (line.argCount() == 0) {
                continue;
            }
            if (found != null) {
                String what = kind == Kind.START_STOP ? label + " already specified"
                        : label + " already specified - ignoring " + line.arg(0);
                d.error(KaStatus.GENERAL_ERROR, line.position(), "duplicate-script", what, line.text(), "keep one " + keyword);
                continue;
            }
            found = new Candidate(LvsScripts.notify(line), kind, label);
        }
        return Optional.ofNullable(found);
    }

    private List<Node> globalLines(String keyword) {
        List<Node> out = new ArrayList<>();
        for (Node root : tree) {
            if (root.keyword().equals("global_defs") && root.isBlock()) {
                root.children().stream().filter(c -> c.keyword().equals(keyword)).forEach(out::add);
            }
        }
        return out;
    }
}
