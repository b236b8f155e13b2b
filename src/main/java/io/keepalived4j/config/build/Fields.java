package io.keepalived4j.config.build;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.syntax.Node;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Typed, reporting access to the statements of one block, for the model builders. When a keyword
 * appears several times the last one wins, as in keepalived. Keywords that are not present give
 * empty results; bad values give a diagnostic and empty.
 *
 * <pre>{@code
 * Fields f = Fields.of(instanceNode, diagnostics);
 * int priority = (int) f.integer("priority", 1, 255).orElse(100);
 * }</pre>
 */
public final class Fields {

    private final Node block;
    private final Diagnostics diagnostics;

    private Fields(Node block, Diagnostics diagnostics) {
        this.block = block;
        this.diagnostics = diagnostics;
    }

    public static Fields of(Node block, Diagnostics diagnostics) {
        return new Fields(block, diagnostics);
    }

    public Node node() {
        return block;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** The block's name argument ({@code VI_1} in {@code vrrp_instance VI_1 {}), or empty. */
    public String name() {
        return block.argCount() > 0 ? block.arg(0) : "";
    }

    public List<Node> all(String keyword) {
        if (block.children() == null) {
            return List.of();
        }
        return block.children().stream().filter(n -> n.keyword().equals(keyword)).toList();
    }

    public Optional<Node> last(String keyword) {
        List<Node> all = all(keyword);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    public boolean has(String keyword) {
        return last(keyword).isPresent();
    }

    /** First argument of the last occurrence; reports a missing argument. */
    public Optional<String> string(String keyword) {
        Optional<Node> n = last(keyword);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.get().argCount() == 0) {
            missing(n.get());
            return Optional.empty();
        }
        return Optional.of(n.get().arg(0));
    }

    /** All arguments joined by blanks (script command lines, e-mail subjects). */
    public Optional<String> rest(String keyword) {
        return last(keyword).map(n -> String.join(" ", n.args()));
    }

    public OptionalLong integer(String keyword, long min, long max) {
        Optional<Node> n = last(keyword);
        if (n.isEmpty()) {
            return OptionalLong.empty();
        }
        if (n.get().argCount() == 0) {
            missing(n.get());
            return OptionalLong.empty();
        }
        return Values.integer(n.get().arg(0), min, max, keyword, n.get().argPosition(0), diagnostics);
    }

    public OptionalDouble seconds(String keyword, double min, double max) {
        Optional<Node> n = last(keyword);
        if (n.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (n.get().argCount() == 0) {
            missing(n.get());
            return OptionalDouble.empty();
        }
        return Values.seconds(n.get().arg(0), min, max, keyword, n.get().argPosition(0), diagnostics);
    }

    /** A keepalived BOOL: the bare keyword means true. */
    public Optional<Boolean> flag(String keyword) {
        Optional<Node> n = last(keyword);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.get().argCount() == 0) {
            return Optional.of(true);
        }
        return Values.bool(n.get().arg(0), keyword, n.get().argPosition(0), diagnostics);
    }

    /** The free-form lines of an ITEMS block, as nodes (each line's words). */
    public List<Node> items(String keyword) {
        Optional<Node> n = last(keyword);
        if (n.isEmpty() || !n.get().isBlock()) {
            return List.of();
        }
        return n.get().children();
    }

    public void missing(Node n) {
        diagnostics.error(KaStatus.MISSING_PARAMETER, n.position(), "missing-value",
                "'" + n.keyword() + "' needs a value", n.text(), "write: " + n.keyword() + " VALUE");
    }

    public Position position() {
        return block.position();
    }

    public void error(KaStatus status, Node at, String code, String message, String suggestion) {
        diagnostics.error(status, at.position(), code, message, at.text(), suggestion);
    }

    public void warning(KaStatus status, Node at, String code, String message, String suggestion) {
        diagnostics.warning(status, at.position(), code, message, at.text(), suggestion);
    }
}
