package io.keepalived4j.check;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The response as keepalived 2.2.7 consumes it, one read at a time (check_http.c
 * {@code http_process_response}): reads accumulate in a 4095-byte buffer until the header ends
 * there; its status and Content-Length are taken ({@link ResponseHead}); then every body byte
 * goes, as received (chunked encoding is not decoded), into the MD5 and the regex, except that
 * the digest stops at Content-Length. Pure: the caller does the reads and asks
 * {@link #readSize()} how much the next one may take, which reproduces keepalived's read sizes.
 *
 * <pre>{@code
 * ResponseReader r = ResponseReader.create(true, Optional.empty(), ResponseTrace.NONE);
 * r.accept(bytes, 0, n);          // for each read
 * byte[] md5 = r.finish(true);    // at EOF
 * }</pre>
 */
final class ResponseReader {

    /** MAX_BUFFER_LENGTH - 1: what keepalived's read() may fill (one byte is kept for a NUL). */
    static final int BUFFER = 4095;

    private final byte[] head = new byte[BUFFER];
    private final MessageDigest md5;
    private final RegexWindow regex;
    private final ResponseTrace trace;
    private int headLength;
    private int headerEnd = -1;
    private int status;
    private long contentLength = ResponseHead.NO_LENGTH;
    private long received;

    private ResponseReader(MessageDigest md5, RegexWindow regex, ResponseTrace trace) {
        this.md5 = md5;
        this.regex = regex;
        this.trace = trace;
    }

    /**
     * @param digest whether to compute the body's MD5 (keepalived does only for a url with a digest)
     * @param regex  the url's regex, fed with the body
     */
    static ResponseReader create(boolean digest, Optional<RegexWindow> regex, ResponseTrace trace) {
        try {
            return new ResponseReader(digest ? MessageDigest.getInstance("MD5") : null, regex.orElse(null), trace);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /**
     * How many bytes the next read may take: what is left of the buffer while the header is
     * incomplete (0 once 4095 bytes hold no header end: keepalived's read() then returns 0, which
     * it takes for the end of the response), else 4095.
     */
    int readSize() {
        return headerEnd >= 0 ? BUFFER : BUFFER - headLength;
    }

    /** One read's bytes, at most {@link #readSize()}. */
    void accept(byte[] buf, int offset, int length) {
        if (headerEnd >= 0) {
            if (md5 != null && lengthLeft()) {
                int n = digestable(length);
                md5.update(buf, offset, n);
                trace.body(buf, offset, n, false);
            }
            received += length;
            if (regex != null) {
                regex.feed(buf, offset, length);
            }
            return;
        }
        trace.headerRead();
        System.arraycopy(buf, offset, head, headLength, length);
        headLength += length;
        int end = ResponseHead.headerEnd(head, headLength);
        if (end < 0) {
            return;
        }
        headerEnd = end;
        status = ResponseHead.statusCode(head, headLength);
        contentLength = ResponseHead.contentLength(head, headLength);
        trace.header(head, end);
        int body = headLength - end;
        if (body > 0 && md5 != null && lengthLeft()) {
            int n = digestable(body);
            md5.update(head, end, n);
            trace.body(head, end, n, true);
        }
        received = body;
        if (regex != null && body > 0) {
            regex.feed(head, end, body);
        }
        headLength = 0;
    }

    private boolean lengthLeft() {
        return contentLength == ResponseHead.NO_LENGTH || Long.compareUnsigned(contentLength, received) > 0;
    }

    /** How much of {@code length} new body bytes are within Content-Length. */
    private int digestable(int length) {
        if (contentLength == ResponseHead.NO_LENGTH || Long.compareUnsigned(contentLength, received + length) >= 0) {
            return length;
        }
        return (int) (contentLength - received);
    }

    /**
     * The response ended. Returns the MD5 (when computed), which a clean end also hands to the
     * trace (keepalived dumps it only then), and settles the regex.
     */
    Optional<byte[]> finish(boolean clean) {
        if (regex != null && headerEnd >= 0) {
            regex.finish();
        }
        if (md5 == null) {
            return Optional.empty();
        }
        byte[] d = md5.digest();
        if (clean) {
            trace.digest(d);
        }
        return Optional.of(d);
    }

    /** Whether the header ended (keepalived's {@code req->extracted}). */
    boolean headerComplete() {
        return headerEnd >= 0;
    }

    /** The status code, 0 when the status line has none where keepalived looks. */
    int status() {
        return status;
    }

    /** Content-Length, unsigned, or {@link ResponseHead#NO_LENGTH}. */
    long contentLength() {
        return contentLength;
    }

    /** What the regex found, once {@link #finish} has run. */
    HttpFetch.RegexOutcome regexOutcome() {
        if (regex == null) {
            return HttpFetch.RegexOutcome.NO_REGEX;
        }
        return switch (regex.outcome()) {
            case MATCHED -> HttpFetch.RegexOutcome.MATCHED;
            case FAILED -> HttpFetch.RegexOutcome.FAILED;
            case NOT_MATCHED, UNDECIDED -> HttpFetch.RegexOutcome.NOT_MATCHED;
        };
    }

    /** Body bytes received (keepalived's rx_bytes). */
    long received() {
        return received;
    }
}
