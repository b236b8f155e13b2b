package io.keepalived4j.cli;

import io.keepalived4j.check.FetchFailure;
import io.keepalived4j.check.HttpFetch;
import io.keepalived4j.check.HttpRequest;
import io.keepalived4j.check.ResponseTrace;
import io.keepalived4j.check.TlsClientContext;
import io.keepalived4j.config.model.lvs.ConnectionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * {@code keepalived4j genhash}: keepalived 2.2.7's genhash (check_genhash.c), flag for flag and
 * byte for byte on stdout: the MD5 of a page's body as HTTP_GET / SSL_GET computes it, to paste
 * into a url's {@code digest}.
 *
 * <pre>
 * keepalived4j genhash -s 10.0.0.2 -p 80 -u /index.html
 * keepalived4j genhash -S -I -V www.example.com -s 10.0.0.2 -p 443 -u / -v
 * </pre>
 *
 * <p>Exit status 0 whenever a fetch was made, whatever it found (a failure is printed as the
 * checker's message, e.g. {@code Connection failed}), 1 for bad usage, as 2.2.7. Differences: -m
 * with a non-zero mark is refused (the JDK cannot set SO_MARK); the whole fetch ends within
 * max(-t, 60 s), where 2.2.7 bounds only each read; bytes of the header that are not ASCII are
 * printed in the platform charset.
 */
@Command(name = "genhash", description = "MD5 of a web page's body as HTTP_GET/SSL_GET checks it (keepalived's genhash: "
        + "-s ADDRESS -p PORT -u URL [-S] [-I] [-V HOST] [-P 1.0|1.0c|1.1] [-t SECONDS] [-v]; -h for details). "
        + "-m (fwmark) is not supported: the JDK cannot set SO_MARK.")
public final class GenhashCommand implements Callable<Integer> {

    /** genhash_usage(), with this program's name and the fwmark limitation. */
    static final String USAGE = """
            Usage: keepalived4j genhash COMMAND [OPTIONS]
            Commands:
               -s server-address -p port -u url
               -S -s server-address -p port -u url
               -h

            Options:
            Either long or short options are allowed.
               --use-ssl         -S       Use SSL connection to remote server.
               --use-sni         -I       Use SNI during SSL handshake (uses virtualhost setting; see -V).
               --server          -s       Use the specified remote server address.
               --port            -p       Use the specified remote server port.
               --url             -u       Use the specified remote server url.
               --use-virtualhost -V       Use the specified virtualhost in GET query.
               --verbose         -v       Use verbose mode output.
               --help            -h       Display this short inlined help screen.
               --fwmark          -m       Use the specified FW mark.
                                            Not supported by keepalived4j (the JDK cannot set SO_MARK): only 0.
               --protocol        -P       Use the specified HTTP protocol - '1.0', 1.0c', '1.1'.
                                            1.0c means 1.0 with 'Connection: close'
               --timeout         -t       Timeout in seconds
            """;

    /** The least time the whole fetch may take, however small -t is per read. */
    private static final Duration MIN_TOTAL = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return switch (GenhashOptions.parse(args)) {
                case GenhashOptions.Usage u -> {
                    u.messages().forEach(m -> err.print(m + "\n"));
                    err.print(USAGE);
                    yield 1;
                }
                case GenhashOptions.Run r -> run(r.options(), out, err, System::nanoTime);
            };
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** One fetch, printed as 2.2.7 prints it; returns the exit status (0). */
    static int run(GenhashOptions o, PrintWriter out, PrintWriter err, LongSupplier nanoClock) throws InterruptedException {
        Duration timeout = Duration.of(o.timeoutMicros(), ChronoUnit.MICROS);
        ConnectionOptions connection = new ConnectionOptions(o.server(), o.port(), Optional.empty(), 0, Optional.empty(),
                o.fwmark(), timeout);
        HttpFetch fetch = new HttpFetch(connection,
                o.tls() ? Optional.of(TlsClientContext.create(Optional.empty())) : Optional.empty(), nanoClock);
        HttpRequest request = new HttpRequest(o.path(), o.version(), HttpRequest.host(o.virtualhost(), o.server(), o.port()));
        long start = nanoClock.getAsLong();
        long limit = Math.max(timeout.toNanos(), MIN_TOTAL.toNanos());
        HttpFetch.Outcome outcome = fetch.get(request, o.sni() ? o.virtualhost() : Optional.empty(), true,
                o.verbose() ? new GenhashTrace(out) : ResponseTrace.NONE, start + limit);
        switch (outcome) {
            case HttpFetch.Failed f when f.failure() == FetchFailure.NO_DATA ->
                    err.print("no data received from remote webserver\n");
            case HttpFetch.Failed f -> out.print(f.failure().text() + "\n");
            case HttpFetch.Response r -> out.print(HexFormat.of().formatHex(r.md5().orElseThrow()) + "\n");
        }
        if (o.verbose()) {
            long micros = (nanoClock.getAsLong() - start) / 1000;
            out.print("\nGlobal response time for [" + o.path() + "] = " + micros + " usecs\n");
        }
        return 0;
    }
}
