package io.keepalived4j.config;

import java.util.Objects;

/**
 * One problem found in a configuration.
 *
 * @param severity   how bad it is for us
 * @param status     what keepalived 2.2.7 records for the same problem (drives {@code -t}'s exit code)
 * @param position   file:line:column of the offending text
 * @param code       a stable identifier, e.g. {@code unknown-keyword}, for tests and tooling
 * @param message    the explanation
 * @param excerpt    the offending text, may be empty
 * @param suggestion a fix ("did you mean ...?"), may be empty
 */
public record Diagnostic(Severity severity, KaStatus status, Position position, String code,
                         String message, String excerpt, String suggestion) {

    public Diagnostic {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(status);
        Objects.requireNonNull(position);
        Objects.requireNonNull(code);
        Objects.requireNonNull(message);
        excerpt = excerpt == null ? "" : excerpt;
        suggestion = suggestion == null ? "" : suggestion;
    }

    public Diagnostic withSuggestion(String newSuggestion) {
        return new Diagnostic(severity, status, position, code, message, excerpt, newSuggestion);
    }

    /** {@code file:line:col: error: message [text]} then an indented hint line, as compilers print. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(position).append(": ").append(severity.label()).append(": ").append(message);
        if (!excerpt.isEmpty()) {
            sb.append(" [").append(shorten(excerpt)).append(']');
        }
        if (!suggestion.isEmpty()) {
            sb.append(System.lineSeparator()).append("    hint: ").append(suggestion);
        }
        return sb.toString();
    }

    private static String shorten(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
