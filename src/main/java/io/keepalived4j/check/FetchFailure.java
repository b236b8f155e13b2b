package io.keepalived4j.check;

/**
 * Why a GET got no response to judge, in keepalived 2.2.7's words (the {@code debug_msg} of
 * check_http.c / check_ssl.c {@code timeout_epilog}): the checker logs
 * {@code "<text> server [10.0.0.2]:tcp:80."}; genhash prints the text alone.
 */
public enum FetchFailure {
    /** The socket could not be set up (bind, socket options). */
    ERROR_CONNECTING("Error connecting"),
    TIMEOUT_CONNECTING("Timeout connecting"),
    /** The server refused or reset the connection, or the host did not answer. */
    CONNECTION_FAILED("Connection failed"),
    /** connect() failed at once (ENETUNREACH). */
    NETWORK_UNREACHABLE("HTTP_CHECK - network unreachable"),
    SSL_HANDSHAKE("SSL handshake/communication error connecting to"),
    TIMEOUT_WRITE("Timeout WEB write"),
    CANNOT_SEND("Cannot send get request to"),
    /** Nothing arrived within connect_timeout after the request. */
    TIMEOUT_WEB_READ("Timeout WEB read"),
    TIMEOUT_HTTP_READ("Timeout HTTP read"),
    TIMEOUT_SSL_READ("Timeout SSL read"),
    READ_ERROR("Read error with"),
    /** The TLS peer closed (close_notify) before the header ended. */
    SSL_READ_ERROR("SSL read error from"),
    /**
     * The connection ended before the header did, or the header did not end within 4095 bytes.
     * keepalived's text ends in a space, so its log line has two before "server".
     */
    NO_DATA("Read, no data received from ");

    private final String text;

    FetchFailure(String text) {
        this.text = text;
    }

    /** keepalived's message, e.g. {@code Timeout WEB read}. */
    public String text() {
        return text;
    }

    /** The checker's line: {@code Timeout WEB read server [10.0.0.2]:tcp:80.} */
    public String line(String server) {
        return text + " server " + server + ".";
    }
}
