package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;

import java.util.List;
import java.util.Objects;

/**
 * One cross-node problem.
 *
 * @param severity  ERROR: adverts are dropped or the cluster can split; WARNING: works, but not as
 *                  the author probably meant; NOTE: advice
 * @param code      stable identifier for tests and tooling, e.g. {@code advert-int-mismatch}
 * @param message   the explanation, naming every side with its file:line
 * @param positions every place involved, one per side at least
 * @param hint      how to fix it, may be empty
 */
public record Finding(Severity severity, String code, String message, List<Position> positions, String hint) {

    public Finding {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(code);
        Objects.requireNonNull(message);
        positions = List.copyOf(positions);
        hint = hint == null ? "" : hint;
    }

    /**
     * {@code a.conf:9: error: message [code]} then an indented hint line, as
     * {@link io.keepalived4j.config.Diagnostic#format()} prints per-file problems. The message names
     * every side with its file:line; the prefix is the first, for editors that jump to it.
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(positions.isEmpty() ? "cross-node" : positions.getFirst()).append(": ").append(severity.label()).append(": ")
                .append(message).append(" [").append(code).append(']');
        if (!hint.isEmpty()) {
            sb.append(System.lineSeparator()).append("    hint: ").append(hint);
        }
        return sb.toString();
    }
}
