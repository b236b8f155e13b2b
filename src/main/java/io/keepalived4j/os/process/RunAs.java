package io.keepalived4j.os.process;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The identity a script runs with: {@code script_user USER [GROUP]}, a script's own
 * {@code user U [G]}, or the daemon's own identity. keepalived's {@code set_privileges()} calls
 * setgid, then (with {@code set_supplementary_groups}) initgroups or else clears the supplementary
 * groups, then setuid; {@link ScriptLauncher} does the same with util-linux {@code setpriv}.
 *
 * @param user       the user name (for logs), or the numeric id when started as ourselves
 * @param uid        real and effective uid
 * @param gid        real and effective gid
 * @param initGroups the user's supplementary groups (set_supplementary_groups) rather than none
 */
public record RunAs(String user, long uid, long gid, boolean initGroups) {

    /** The user keepalived runs scripts as by default when it exists (features.md section 4). */
    public static final String DEFAULT_SCRIPT_USER = "keepalived_script";

    /** Whoever this JVM runs as: scripts start with our identity, no setpriv needed. */
    public static RunAs daemon() {
        long uid = currentUid();
        return new RunAs(Long.toString(uid), uid, -1, false);
    }

    /** A named user and optional group (empty: the user's primary group); empty when unknown. */
    public static Optional<RunAs> lookup(String user, String group, boolean initGroups) {
        Optional<UserDatabase.Ids> ids = UserDatabase.user(user);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long gid = ids.get().gid();
        if (group != null && !group.isEmpty()) {
            OptionalInt g = UserDatabase.group(group);
            if (g.isEmpty()) {
                return Optional.empty();
            }
            gid = Integer.toUnsignedLong(g.getAsInt());
        }
        return Optional.of(new RunAs(user, ids.get().uid(), gid, initGroups));
    }

    /**
     * keepalived's default script identity: {@code script_user} when given, otherwise
     * {@code keepalived_script} if that user exists, otherwise root (that is, the daemon).
     * Empty only when a configured script_user does not exist.
     */
    public static Optional<RunAs> scriptDefault(String scriptUser, String scriptGroup, boolean initGroups) {
        if (scriptUser != null && !scriptUser.isEmpty()) {
            return lookup(scriptUser, scriptGroup, initGroups);
        }
        return Optional.of(lookup(DEFAULT_SCRIPT_USER, "", initGroups).orElseGet(RunAs::daemon));
    }

    /** Whether starting a script needs an identity change (we are someone else). */
    public boolean changesIdentity() {
        return gid >= 0 && (uid != currentUid() || gid != currentGid());
    }

    static long currentUid() {
        return idFromProc("Uid:");
    }

    static long currentGid() {
        return idFromProc("Gid:");
    }

    private static long idFromProc(String key) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    // "Uid:\treal\teffective\tsaved\tfs": the effective id decides what we may do.
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[1]);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + key + " in /proc/self/status");
    }
}
