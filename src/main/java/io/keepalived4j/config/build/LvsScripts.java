package io.keepalived4j.config.build;

import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.syntax.Node;

/**
 * Scripts of the checker process, read as keepalived reads them. Notify scripts
 * ({@code notify_up}, {@code quorum_up}, ...) are {@code KEYWORD "CMD ARGS" [USER [GROUP]]}: the
 * first word is the whole command, so an unquoted {@code notify_up /bin/x arg} runs /bin/x as user
 * "arg". {@code misc_path} takes every word as the command; its user comes from {@code user}.
 */
public final class LvsScripts {

    private LvsScripts() {
    }

    public static Script notify(Node n) {
        String user = n.argCount() > 1 ? n.arg(1) : "";
        String group = n.argCount() > 2 ? n.arg(2) : "";
        return new Script(n.arg(0), user, group, n.position());
    }

    /** misc_path's words, re-quoting those that contained blanks so the command reads back the same. */
    static String commandLine(Node n) {
        if (n.argCount() == 1) {
            return n.arg(0);
        }
        StringBuilder sb = new StringBuilder();
        for (String w : n.args()) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(w.chars().anyMatch(Character::isWhitespace) ? "'" + w + "'" : w);
        }
        return sb.toString();
    }
}
