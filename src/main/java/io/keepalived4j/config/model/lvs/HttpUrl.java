package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code url { }} of an HTTP_GET or SSL_GET checker. All listed URLs must pass.
 *
 * @param path           {@code path} (required)
 * @param digest         {@code digest}: MD5 of the body, 32 lower-case hex digits
 * @param statusCodes    accepted status codes (default 200-299)
 * @param virtualhost    Host header for this URL, over the checker's
 * @param regex          body must match (or, with regexNoMatch, must not match): the pattern as
 *                       keepalived hands it to PCRE2, after the C escapes of its regex line
 *                       ({@code "\\d"} is {@code \d}), one char per byte (see {@link PcreRegex})
 * @param regexNoMatch   invert the regex
 * @param regexOptions   PCRE2 options by keepalived name ({@code caseless}, {@code multiline}, ...)
 * @param regexMinOffset first body offset where a match counts
 * @param regexMaxOffset last body offset where a match counts
 * @param position       where the block starts
 */
public record HttpUrl(String path, Optional<String> digest, List<StatusRange> statusCodes,
                      Optional<String> virtualhost, Optional<String> regex, boolean regexNoMatch,
                      List<String> regexOptions, OptionalLong regexMinOffset, OptionalLong regexMaxOffset,
                      Position position) {

    /** keepalived's default when a url lists no status_code. */
    public static final List<StatusRange> DEFAULT_STATUS_CODES = List.of(new StatusRange(200, 299));

    public HttpUrl {
        statusCodes = List.copyOf(statusCodes);
        regexOptions = List.copyOf(regexOptions);
    }

    public boolean accepts(int status) {
        return statusCodes.stream().anyMatch(r -> r.contains(status));
    }

    /** An inclusive range of HTTP status codes, 100..599. */
    public record StatusRange(int from, int to) {
        public boolean contains(int status) {
            return status >= from && status <= to;
        }
    }
}
