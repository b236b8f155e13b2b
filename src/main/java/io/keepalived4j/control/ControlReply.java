package io.keepalived4j.control;

import java.util.List;

/**
 * The answer to one command. On the wire: its lines, then an empty line (as HAProxy's runtime API
 * ends an answer in interactive mode), so a client reads until the empty line; a failure is one
 * line starting with {@value #ERROR_PREFIX}.
 *
 * @param ok    whether the command did what it asked (or there was nothing to do)
 * @param lines the text, without line ends; never an empty line (that ends the answer)
 */
public record ControlReply(boolean ok, List<String> lines) {

    public static final String ERROR_PREFIX = "ERR ";

    public ControlReply {
        // An empty line inside the answer would end it early for the client: keep it visible.
        lines = lines.stream().map(l -> l.isEmpty() ? " " : l.replace('\n', ' ').replace('\r', ' ')).toList();
    }

    public static ControlReply ok(String... lines) {
        return new ControlReply(true, List.of(lines));
    }

    public static ControlReply ok(List<String> lines) {
        return new ControlReply(true, lines);
    }

    public static ControlReply error(String reason) {
        return new ControlReply(false, List.of(ERROR_PREFIX + reason));
    }

    /** The bytes sent: every line with its newline, then the empty line. */
    public String wire() {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        return b.append('\n').toString();
    }
}
