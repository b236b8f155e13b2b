package io.keepalived4j.check;

import java.util.Optional;
import java.util.OptionalLong;

/** What one attempt of a health check found. */
public sealed interface CheckResult {

    /**
     * The server passed.
     *
     * @param weight a weight the check sets (MISC_CHECK with misc_dynamic: exit status - 2), if any
     * @param line   keepalived's line for a success that brings a failed check back, if the checker
     *               has a more precise one than its generic success line (HTTP: {@code MD5 digest
     *               success to [10.0.0.2]:tcp:80 url(/)}); logged only when the check was down
     */
    record Up(OptionalLong weight, Optional<String> line) implements CheckResult {
    }

    /**
     * The server failed.
     *
     * @param line keepalived's wording for this failure, e.g. {@code TCP connection to
     *             [10.0.0.2]:tcp:80 failed.}; logged when the check was up and log_all_failures
     *             is set, as keepalived does
     */
    record Down(String line) implements CheckResult {
    }

    static Up up() {
        return new Up(OptionalLong.empty(), Optional.empty());
    }

    static Up upWithWeight(long weight) {
        return new Up(OptionalLong.of(weight), Optional.empty());
    }

    static Up upWithLine(String line) {
        return new Up(OptionalLong.empty(), Optional.of(line));
    }

    static Down down(String line) {
        return new Down(line);
    }
}
