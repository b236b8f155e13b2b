package io.keepalived4j.config.build;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.syntax.Node;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Diagnostics of the LVS builders, worded as keepalived 2.2.7 words them so that an operator can
 * search for either text, and carrying the status keepalived records (nearly everything on the
 * checker side is {@code report_config_error(CONFIG_GENERAL_ERROR, ...)}: exit 5 under -t).
 * Messages keepalived only logs (no status) use {@link KaStatus#NONE}.
 */
final class BuildReport {

    private final Diagnostics diagnostics;

    BuildReport(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    /** A problem keepalived works around (skips the value or the block): exit 5. */
    void error(Node at, String code, String message) {
        error(at, code, message, "");
    }

    void error(Node at, String code, String message, String suggestion) {
        diagnostics.error(KaStatus.GENERAL_ERROR, at.position(), code, message, at.text(), suggestion);
    }

    /** Same status, for the messages keepalived itself labels "Warning". */
    void warning(Node at, String code, String message, String suggestion) {
        diagnostics.warning(KaStatus.GENERAL_ERROR, at.position(), code, message, at.text(), suggestion);
    }

    /**
     * Something keepalived 2.2.7 accepts that keepalived4j cannot run as keepalived would: an error,
     * but one that leaves -t's exit status keepalived's (--strict makes it fail).
     */
    void refused(Node at, String code, String message, String suggestion) {
        diagnostics.error(KaStatus.NONE, at.position(), code, message, at.text(), suggestion);
    }

    /** Something keepalived only logs, or our own advice: never changes the exit code. */
    void note(Node at, String code, String message, String suggestion) {
        diagnostics.warning(KaStatus.NONE, at.position(), code, message, at.text(), suggestion);
    }

    void note(Position at, String code, String message, String suggestion) {
        diagnostics.warning(KaStatus.NONE, at, code, message, "", suggestion);
    }

    /**
     * A handler that reads a word the line does not have. keepalived 2.2.7 logs "Configuration
     * line starting `X` is missing a parameter after keyword `X` at word position N" and stops at
     * once with exit status 2 (KEEPALIVED_EXIT_PROGRAM_ERROR), recorded as
     * {@link KaStatus#MISSING_PARAMETER_ABORT}. We carry on, to report everything else too.
     */
    void missingParameter(Node at, int wordPosition) {
        String kw = at.keyword();
        diagnostics.error(KaStatus.MISSING_PARAMETER_ABORT, at.position(), "missing-parameter",
                "Configuration line starting `" + kw + "` is missing a parameter after keyword `" + kw
                        + "` at word position " + wordPosition,
                at.text(), "keepalived 2.2.7 stops reading the configuration here (exit status 2); add the value");
    }

    /** True when the line has at least {@code count} arguments; reports the abort otherwise. */
    boolean require(Node at, int count) {
        if (at.argCount() >= count) {
            return true;
        }
        missingParameter(at, at.argCount() + 2);
        return false;
    }

    /**
     * The first argument as keepalived's read_unsigned() reads it; on failure reports
     * {@code failMessage} (keepalived's own wording) with the reader's reason as the hint.
     */
    OptionalLong unsigned(Node n, long min, long max, String failMessage) {
        KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(n.arg(0), min, max);
        if (!r.accepted()) {
            error(n, "bad-value", failMessage, r.problem());
            return OptionalLong.empty();
        }
        return OptionalLong.of(r.value());
    }

    /** The first argument as read_timer() reads it (seconds, microsecond resolution). */
    Optional<Duration> timer(Node n, long minMicros, long maxMicros, String failMessage) {
        KeepalivedNumbers.Result r = KeepalivedNumbers.timer(n.arg(0), minMicros, maxMicros);
        if (!r.accepted()) {
            error(n, "bad-value", failMessage, r.problem());
            return Optional.empty();
        }
        if (r.hasProblem()) {
            // keepalived logs the word, then runs with 0.
            error(n, "bad-value", r.problem(), "write a number of seconds");
        }
        return Optional.of(KeepalivedNumbers.micros(r.value()));
    }

    /** An optional BOOL argument: the bare keyword means true. */
    Optional<Boolean> flag(Node n, String failMessage) {
        if (n.argCount() == 0) {
            return Optional.of(true);
        }
        Optional<Boolean> b = KeepalivedNumbers.bool(n.arg(0));
        if (b.isEmpty()) {
            error(n, "bad-value", failMessage, "use on/off, true/false or yes/no");
        }
        return b;
    }
}
