package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.HttpCheck;
import io.keepalived4j.config.model.lvs.HttpUrl;
import io.keepalived4j.config.model.lvs.PcreRegex;
import io.keepalived4j.config.model.lvs.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * HTTP_GET and SSL_GET (keepalived 2.2.7 check_http.c): GET every url in order and require of
 * each response an accepted status code ({@code status_code}, default 200-299), the body's MD5
 * ({@code digest}) and a regex match ({@code regex}, or none with {@code regex_no_match}) within
 * the regex offsets. The first url that fails ends the attempt with keepalived's line for it,
 * e.g. {@code HTTP status code error to server [10.0.0.2]:tcp:80.}
 *
 * <pre>{@code
 * HealthCheck web = new HttpGetCheck(httpCheck, "[10.0.0.2]:tcp:80", model.lvs().ssl());
 * CheckResult r = web.attempt();   // on a virtual thread
 * }</pre>
 *
 * <p>Deliberate difference: keepalived fetches one url per delay_loop (a server with 20 urls takes
 * 20 delay_loops to come up) unless fast_recovery is set; here every attempt fetches all urls,
 * which is what fast_recovery asks for, and what "all urls pass" means at any moment. An attempt
 * ends within max(connect_timeout, delay_loop) whatever the servers do (keepalived bounds only each
 * read); each url's connect, handshake and reads still time out after connect_timeout as in 2.2.7.
 * The regex is matched against the body only, with offsets counted from the body's first byte
 * (2.2.7 also matches the header when the body's first bytes arrive in the same read).
 *
 * <p>The Host header and SNI name are the url's virtualhost, else the checker's, else the real
 * server's, else the virtual server's (the model resolves the last three; 2.2.7's SNI skips the
 * real server's); without one the Host is {@code address:port}.
 */
public final class HttpGetCheck implements HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_healthcheckers");

    private final HttpCheck check;
    private final String server;
    private final String virtualServer;
    private final HttpFetch fetch;
    private final List<Optional<PcreRegex>> regexes;
    private final LongSupplier nanoClock;
    private final Duration limit;
    /** Per url: the Content-Length shortfall last logged (keepalived's url->len_mismatch), 0 for none. */
    private final long[] lengthMismatch;
    /** The url whose failure ended the last attempt, -1 after a success. Attempts run one at a time. */
    private volatile int failedUrl = -1;

    /**
     * @param check  the checker block
     * @param server the checker's name in log lines (keepalived's FMT_CHK), e.g. {@code [10.0.0.2]:tcp:80}
     * @param ssl    the top-level SSL block, for SSL_GET
     * @throws IllegalArgumentException when a url's regex is one this release refuses
     *                                  ({@link PcreRegex}) or an SSL file cannot be loaded
     */
    public HttpGetCheck(HttpCheck check, String server, Optional<SslContext> ssl) {
        this(check, server, "", ssl, System::nanoTime);
    }

    /**
     * As above, naming the virtual server in the Content-Length mismatch line as keepalived does
     * ({@code http_check for RS [10.0.0.2]:tcp:80 VS [192.0.2.1]:tcp:80 url /: ...}).
     */
    public HttpGetCheck(HttpCheck check, String server, String virtualServer, Optional<SslContext> ssl) {
        this(check, server, virtualServer, ssl, System::nanoTime);
    }

    HttpGetCheck(HttpCheck check, String server, String virtualServer, Optional<SslContext> ssl, LongSupplier nanoClock) {
        this.check = check;
        this.server = server;
        this.virtualServer = virtualServer;
        this.nanoClock = nanoClock;
        List<Optional<PcreRegex>> compiled = new ArrayList<>();
        for (HttpUrl url : check.urls()) {
            compiled.add(url.regex().map(r -> PcreRegex.compile(r, url.regexOptions())));
        }
        this.regexes = List.copyOf(compiled);
        this.fetch = new HttpFetch(check.connection(), check.tls() ? Optional.of(TlsClientContext.create(ssl)) : Optional.empty(),
                nanoClock);
        Duration timeout = check.connection().connectTimeout();
        Duration delayLoop = check.timing().delayLoop();
        this.limit = timeout.compareTo(delayLoop) >= 0 ? timeout : delayLoop;
        this.lengthMismatch = new long[check.urls().size()];
    }

    @Override
    public CheckResult attempt() throws InterruptedException {
        long deadline = nanoClock.getAsLong() + limit.toNanos();
        List<String> successes = new ArrayList<>();
        for (int i = 0; i < check.urls().size(); i++) {
            Optional<String> failure = fetchOne(i, deadline);
            if (failure.isPresent()) {
                failedUrl = i;
                return CheckResult.down(failure.get() + " server " + server + ".");
            }
            HttpUrl url = check.urls().get(i);
            String what = url.regex().isPresent() ? "Regex match" : url.digest().isPresent() ? "MD5 digest" : "HTTP status code";
            successes.add(what + " success to " + server + " url(" + url.path() + ")");
        }
        // keepalived logs this line for each url while the checker is down; the url that failed
        // last is the one worth naming.
        int named = failedUrl >= 0 && failedUrl < successes.size() ? failedUrl : 0;
        failedUrl = -1;
        return CheckResult.upWithLine(successes.get(named));
    }

    /** keepalived's failure message for url {@code i} (without " server X."), or empty when it passed. */
    private Optional<String> fetchOne(int i, long deadline) throws InterruptedException {
        HttpUrl url = check.urls().get(i);
        Optional<String> vhost = url.virtualhost().or(check::virtualhost);
        String host = HttpRequest.host(vhost, check.connection().address(), check.connection().port());
        Optional<RegexWindow> window = regexes.get(i).map(r ->
                new RegexWindow(r, url.regexMinOffset(), url.regexMaxOffset(), nanoClock, deadline));
        HttpFetch.Outcome outcome = fetch.get(new HttpRequest(url.path(), check.version(), host),
                check.enableSni() ? vhost : Optional.empty(), url.digest().isPresent(), window, ResponseTrace.NONE, deadline);
        return switch (outcome) {
            case HttpFetch.Failed f -> Optional.of(f.failure().text());
            case HttpFetch.Response r -> judge(i, url, r);
        };
    }

    /** check_http.c http_handle_response: status, then the length note, digest and regex. */
    private Optional<String> judge(int i, HttpUrl url, HttpFetch.Response r) {
        if (!url.accepts(r.status())) {
            return Optional.of("HTTP status code error to");
        }
        if (r.lengthMismatch()) {
            long shortfall = r.contentLength() - r.received();
            if (lengthMismatch[i] != shortfall) {
                LOG.info("http_check for RS {}{} url {}{}: content_length ({}) does not match received bytes ({})", server,
                        virtualServer.isEmpty() ? "" : " VS " + virtualServer, url.virtualhost().orElse(""), url.path(),
                        Long.toUnsignedString(r.contentLength()), r.received());
                lengthMismatch[i] = shortfall;
            }
        } else {
            lengthMismatch[i] = 0;
        }
        if (url.digest().isPresent()) {
            String got = r.md5().map(HexFormat.of()::formatHex).orElse("");
            if (!got.equals(url.digest().get())) {
                return Optional.of("MD5 digest error to");
            }
        }
        if (url.regex().isPresent()) {
            boolean failed = r.regex() == HttpFetch.RegexOutcome.FAILED;
            boolean matched = r.regex() == HttpFetch.RegexOutcome.MATCHED;
            if (failed || matched == url.regexNoMatch()) {
                return Optional.of("Regex match failed");
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> upLine() {
        return Optional.of("Remote Web server " + server + " succeed on service.");
    }

    @Override
    public Optional<String> downLine(long retries, CheckResult.Down last) {
        if (retries > 0) {
            return Optional.of("HTTP_CHECK on service " + server + " failed after " + retries + " retries.");
        }
        return Optional.of("HTTP_CHECK on service " + server + " failed.");
    }

    @Override
    public String upAlert() {
        return "=> CHECK succeed on service <=";
    }

    @Override
    public String downAlert(CheckResult.Down last) {
        return "=> CHECK failed on service : HTTP request failed <=";
    }

    /** Once down, keepalived's epilog waits max(delay_before_retry, delay_loop) and counts no retries. */
    @Override
    public boolean retriesWhileDown() {
        return false;
    }
}
