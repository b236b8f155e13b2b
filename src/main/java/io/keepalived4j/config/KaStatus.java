package io.keepalived4j.config;

/**
 * keepalived's {@code config_err_t} (lib/parser.h), in its order. keepalived keeps the
 * highest value reported so far ({@code config_err < err}) and maps it to the exit status of
 * {@code -t}: so a general error reported after a fatal one still exits 5, and a script
 * security violation wins over everything.
 *
 * <p>{@link #MISSING_PARAMETER_ABORT} is last so that it wins: keepalived exits before any later check.
 *
 * <p>Every diagnostic carries the status keepalived 2.2.7 would record for the same problem;
 * {@link #NONE} marks our own advice, which never changes the exit code.
 */
public enum KaStatus {
    NONE(0),
    FILE_NOT_FOUND(4),
    BAD_IF(4),
    FATAL(4),
    MULTIPLE_FILES(5),
    UNKNOWN_KEYWORD(5),
    UNEXPECTED_BOB(5),
    MISSING_BOB(5),
    UNMATCHED_QUOTE(5),
    MISSING_PARAMETER(5),
    INVALID_NUMBER(5),
    GENERAL_ERROR(5),
    WARNING(5),
    DEPRECATED(5),
    SECURITY_ERROR(6),
    /**
     * Not a config_err_t: keepalived 2.2.7 stops reading at once with exit status 2 when a keyword
     * misses its value ({@code *** Configuration line starting `X` is missing a parameter ...}),
     * so nothing found later can change the status.
     */
    MISSING_PARAMETER_ABORT(2);

    private final int exitCode;

    KaStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    /** Exit status of {@code keepalived -t} when this is the recorded status. */
    public int exitCode() {
        return exitCode;
    }

    /** keepalived's rule: the later enum constant wins. */
    public KaStatus combine(KaStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
