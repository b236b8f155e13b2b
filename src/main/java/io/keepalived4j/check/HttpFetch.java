package io.keepalived4j.check;

import io.keepalived4j.config.model.IpText;
import io.keepalived4j.config.model.lvs.ConnectionOptions;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One GET as keepalived 2.2.7's HTTP_GET / SSL_GET sends it and reads the answer (check_http.c,
 * check_ssl.c): connect (and handshake) within connect_timeout, send {@link HttpRequest}, then read
 * to the end of the connection, each read within connect_timeout, through a
 * {@link ResponseReader}. Blocking, for virtual threads.
 *
 * <pre>{@code
 * HttpFetch fetch = new HttpFetch(connection, Optional.empty(), System::nanoTime);
 * HttpFetch.Outcome o = fetch.get(request, Optional.empty(), true, ResponseTrace.NONE,
 *         System.nanoTime() + Duration.ofSeconds(10).toNanos());
 * }</pre>
 *
 * <p>Bounded whatever the server does: besides keepalived's per-read timeout the whole fetch ends
 * by {@code deadline} (a watchdog closes the socket then, which also ends a TLS handshake trickled
 * byte by byte), memory is constant (the digest streams, the regex keeps a window), and a header
 * that has not ended within 4095 bytes ends the fetch as keepalived's does. Over TLS, as in 2.2.7,
 * connect and handshake share connect_timeout, and all reads after the first data share one
 * connect_timeout (check_ssl.c re-arms each read with what is left of the previous one).
 */
public final class HttpFetch {

    /** Extra time the watchdog gives the socket timeouts to fire first with a precise message. */
    private static final long WATCHDOG_GRACE_NANOS = Duration.ofMillis(250).toNanos();

    private final ConnectionOptions connection;
    private final Optional<SSLContext> tls;
    private final LongSupplier nanoClock;

    /** What a fetch found. */
    public sealed interface Outcome {
    }

    /** No response to judge, in keepalived's words. */
    public record Failed(FetchFailure failure) implements Outcome {
    }

    /**
     * The response, read to its end.
     *
     * @param status        as keepalived reads it: 0 when the status line has none where it looks
     * @param contentLength the Content-Length header (unsigned), or -1 when absent or unreadable
     * @param received      body bytes received
     * @param md5           the MD5 of the body, cut at Content-Length, when asked for
     * @param regex         what the url's regex found in the body
     */
    public record Response(int status, long contentLength, long received, Optional<byte[]> md5, RegexOutcome regex)
            implements Outcome {

        /** keepalived's length-mismatch condition: a Content-Length that is not what arrived. */
        public boolean lengthMismatch() {
            return contentLength != ResponseHead.NO_LENGTH && contentLength != received;
        }
    }

    /** What the regex found. */
    public enum RegexOutcome {
        NO_REGEX, MATCHED, NOT_MATCHED,
        /** The search could not run to the end (the pattern overflowed the stack). */
        FAILED
    }

    /**
     * @param connection where to connect; its connect_timeout is also each read's timeout
     * @param tls        SSL_GET's context, empty for HTTP_GET
     * @param nanoClock  monotonic time, in the units of the deadlines given to {@link #get}
     */
    public HttpFetch(ConnectionOptions connection, Optional<SSLContext> tls, LongSupplier nanoClock) {
        this.connection = connection;
        this.tls = tls;
        this.nanoClock = nanoClock;
    }

    /**
     * Sends {@code request} and reads the response.
     *
     * @param sni      the TLS server name to send (enable_sni), if any
     * @param digest   compute the body's MD5
     * @param trace    what genhash -v prints
     * @param deadline a {@code nanoClock} value by which the fetch ends whatever the server does
     * @throws InterruptedException when the calling thread is interrupted (the daemon stopping)
     */
    public Outcome get(HttpRequest request, Optional<String> sni, boolean digest, ResponseTrace trace, long deadline)
            throws InterruptedException {
        return get(request, sni, digest, Optional.empty(), trace, deadline);
    }

    /** As above, also searching the body with a url's regex. */
    Outcome get(HttpRequest request, Optional<String> sni, boolean digest, Optional<RegexWindow> regex,
                ResponseTrace trace, long deadline) throws InterruptedException {
        Socket socket = new Socket();
        Outcome outcome;
        try (FetchWatchdog dog = FetchWatchdog.watch(socket, deadline - nanoClock.getAsLong() + WATCHDOG_GRACE_NANOS)) {
            outcome = exchange(socket, dog, request, sni, ResponseReader.create(digest, regex, trace), deadline);
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // The fetch is over; nothing depends on a clean close.
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("HTTP fetch interrupted");
        }
        return outcome;
    }

    private Outcome exchange(Socket socket, FetchWatchdog dog, HttpRequest request, Optional<String> sni,
                             ResponseReader reader, long deadline) {
        long timeout = connection.connectTimeout().toNanos();
        long connectDeadline = Math.min(deadline, nanoClock.getAsLong() + timeout);
        Optional<FetchFailure> connected = connect(socket, dog, connectDeadline);
        if (connected.isPresent()) {
            return new Failed(connected.get());
        }
        if (timeout == 0) {
            // keepalived arms the request's write with a zero timer, which expires at once.
            return new Failed(FetchFailure.TIMEOUT_WRITE);
        }
        Socket stream = socket;
        String protocol = "";
        if (tls.isPresent()) {
            try {
                SSLSocket ssl = handshake(socket, sni, connectDeadline);
                protocol = ssl.getSession().getProtocol();
                stream = ssl;
            } catch (SocketTimeoutException e) {
                return new Failed(FetchFailure.TIMEOUT_CONNECTING);
            } catch (IOException | RuntimeException e) {
                return new Failed(dog.fired() ? FetchFailure.TIMEOUT_CONNECTING : FetchFailure.SSL_HANDSHAKE);
            }
        }
        try {
            OutputStream out = stream.getOutputStream();
            out.write(request.bytes());
            out.flush();
        } catch (IOException e) {
            return new Failed(dog.fired() ? FetchFailure.TIMEOUT_WRITE : FetchFailure.CANNOT_SEND);
        }
        try {
            return read(stream, dog, reader, deadline, timeout, protocol);
        } catch (RegexWindow.TimedOut e) {
            return new Failed(tls.isPresent() ? FetchFailure.TIMEOUT_SSL_READ : FetchFailure.TIMEOUT_HTTP_READ);
        } finally {
            if (stream instanceof SSLSocket ssl) {
                // keepalived starts every connection with a fresh SSL and no session to resume (a
                // resumed session would also keep the previous url's server name). TLS 1.3 tickets
                // arrive with the data, so this waits for the end.
                ssl.getSession().invalidate();
            }
        }
    }

    private Optional<FetchFailure> connect(Socket socket, FetchWatchdog dog, long connectDeadline) {
        try {
            socket.setTcpNoDelay(true);
            if (connection.bindTo().isPresent() || connection.bindPort() != 0) {
                socket.bind(new InetSocketAddress(connection.bindTo().orElse(null), connection.bindPort()));
            }
        } catch (IOException e) {
            return Optional.of(FetchFailure.ERROR_CONNECTING);
        }
        long left = connectDeadline - nanoClock.getAsLong();
        if (left <= 0 && connection.connectTimeout().isPositive()) {
            return Optional.of(FetchFailure.TIMEOUT_CONNECTING);
        }
        try {
            socket.connect(new InetSocketAddress(connection.address(), connection.port()), millis(left));
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            return Optional.of(FetchFailure.TIMEOUT_CONNECTING);
        } catch (BindException e) {
            return Optional.of(FetchFailure.ERROR_CONNECTING);
        } catch (ConnectException e) {
            // connect() failing at once with ENETUNREACH is keepalived's "network unreachable";
            // a refusal or a host that cannot be reached shows up later, as a failed connection.
            boolean unreachable = String.valueOf(e.getMessage()).contains("Network is unreachable");
            return Optional.of(unreachable ? FetchFailure.NETWORK_UNREACHABLE : FetchFailure.CONNECTION_FAILED);
        } catch (IOException e) {
            if (dog.fired()) {
                return Optional.of(FetchFailure.TIMEOUT_CONNECTING);
            }
            return Optional.of(e instanceof java.net.NoRouteToHostException ? FetchFailure.CONNECTION_FAILED
                    : FetchFailure.ERROR_CONNECTING);
        }
    }

    private SSLSocket handshake(Socket socket, Optional<String> sni, long connectDeadline) throws IOException {
        String peer = IpText.of(connection.address());
        SSLSocket ssl = (SSLSocket) tls.orElseThrow().getSocketFactory().createSocket(socket, peer, connection.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        // Only enable_sni sends a server name (the IP literal given above sends none).
        params.setServerNames(serverNames(sni));
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(millis(connectDeadline - nanoClock.getAsLong()));
        ssl.startHandshake();
        return ssl;
    }

    private static List<SNIServerName> serverNames(Optional<String> sni) {
        if (sni.isEmpty()) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(sni.get()));
        } catch (IllegalArgumentException e) {
            // OpenSSL sends any text; the JDK refuses what is not a host name, so send none.
            return List.of();
        }
    }

    private Outcome read(Socket stream, FetchWatchdog dog, ResponseReader reader, long deadline, long timeout,
                         String protocol) {
        boolean secure = tls.isPresent();
        byte[] buf = new byte[ResponseReader.BUFFER];
        boolean any = false;
        long readsDeadline = deadline;
        boolean clean;
        boolean closeNotify = false;
        InputStream in;
        try {
            in = stream.getInputStream();
        } catch (IOException e) {
            return new Failed(secure ? FetchFailure.NO_DATA : FetchFailure.READ_ERROR);
        }
        while (true) {
            int want = reader.readSize();
            if (want == 0) {
                // keepalived reads 0 bytes into its full buffer, and takes the 0 for the end.
                clean = true;
                break;
            }
            long now = nanoClock.getAsLong();
            long until = Math.min(readsDeadline, now + timeout);
            if (until - now <= 0) {
                return new Failed(readTimeout(any, secure, protocol));
            }
            int n;
            try {
                stream.setSoTimeout(millis(until - now));
                n = in.read(buf, 0, want);
            } catch (SocketTimeoutException e) {
                return new Failed(readTimeout(any, secure, protocol));
            } catch (IOException e) {
                if (dog.fired()) {
                    return new Failed(readTimeout(any, secure, protocol));
                }
                if (!secure) {
                    return new Failed(FetchFailure.READ_ERROR);
                }
                // OpenSSL reports a reset or a close without close_notify as an SSL error, which
                // check_ssl.c takes for the end of the data.
                clean = false;
                break;
            }
            if (n < 0) {
                clean = true;
                closeNotify = secure;
                break;
            }
            if (!any) {
                any = true;
                if (secure) {
                    readsDeadline = Math.min(deadline, nanoClock.getAsLong() + timeout);
                }
            }
            reader.accept(buf, 0, n);
        }
        Optional<byte[]> md5 = reader.finish(clean);
        if (!reader.headerComplete()) {
            return new Failed(closeNotify ? FetchFailure.SSL_READ_ERROR : FetchFailure.NO_DATA);
        }
        return new Response(reader.status(), reader.contentLength(), reader.received(), md5, reader.regexOutcome());
    }

    /**
     * Nothing yet: "Timeout WEB read", except over TLS 1.3, where the server's session tickets
     * wake keepalived first and its SSL read times out instead; later: the read's own message.
     */
    private static FetchFailure readTimeout(boolean any, boolean secure, String protocol) {
        if (!any) {
            return secure && protocol.equals("TLSv1.3") ? FetchFailure.TIMEOUT_SSL_READ : FetchFailure.TIMEOUT_WEB_READ;
        }
        return secure ? FetchFailure.TIMEOUT_SSL_READ : FetchFailure.TIMEOUT_HTTP_READ;
    }

    private static int millis(long nanos) {
        long ms = (Math.max(0, nanos) + 999_999) / 1_000_000;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}
