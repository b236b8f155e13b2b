package io.keepalived4j.config.model;

import io.keepalived4j.config.Position;

/**
 * A command the daemon would run (vrrp_script, notify, MISC_CHECK, quorum_up, ...).
 *
 * @param command  the command line as written (quoted words keep their quotes' grouping)
 * @param user     the user to run as, empty for the default (script_user)
 * @param group    the group to run as, empty for the user's
 * @param position where it was configured
 */
public record Script(String command, String user, String group, Position position) {

    /** The executable: the first word of the command line. */
    public String executable() {
        String c = command.strip();
        int sp = c.indexOf(' ');
        return sp < 0 ? c : c.substring(0, sp);
    }
}
