package io.keepalived4j.check;

/**
 * What genhash -v shows of a response, as keepalived 2.2.7 emits it from check_http.c
 * {@code http_process_response} and the read threads: one call per read, in read order. The
 * checker uses {@link #NONE}. Arrays are only valid during the call.
 */
public interface ResponseTrace {

    ResponseTrace NONE = new ResponseTrace() {
    };

    /** A read arrived while the header was still incomplete (keepalived prints its delimiter each time). */
    default void headerRead() {
    }

    /** The header is complete: {@code buf[0..length)}, its final {@code \r\n\r\n} included. */
    default void header(byte[] buf, int length) {
    }

    /**
     * Body bytes that went into the digest, from the read that completed the header
     * ({@code firstRead}) or from a later one.
     */
    default void body(byte[] buf, int offset, int length, boolean firstRead) {
    }

    /** The connection ended cleanly (EOF, or close_notify over TLS) and this is the body's MD5. */
    default void digest(byte[] md5) {
    }
}
