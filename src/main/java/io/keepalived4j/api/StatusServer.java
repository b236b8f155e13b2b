package io.keepalived4j.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keepalived4j.config.json.JsonWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The status endpoint ({@code --status-address}): read-only HTTP on one address, localhost unless
 * the operator chooses otherwise. GET (and HEAD) only:
 * <ul>
 *   <li>{@code /status}: the snapshot as JSON</li>
 *   <li>{@code /status.txt}: the tables {@code keepalived4j status} prints</li>
 *   <li>{@code /metrics}: Prometheus's text format</li>
 *   <li>{@code /keepalived.data}, {@code /keepalived.stats}, {@code /keepalived.json}: keepalived's dumps</li>
 * </ul>
 * Two worker threads and a queue of 32 requests; beyond that the accepting thread serves the
 * request itself, which slows a flood down rather than queueing it without bound. Every response
 * is counted by status code ({@code keepalived4j_status_requests_total}); a snapshot that cannot be
 * taken (the VRRP loop did not answer in time) is a 503. The JDK server reads a request on the
 * worker thread, so a client that sends slowly could hold a worker: a request (and a response)
 * must complete within 10 s ({@code sun.net.httpserver.maxReqTime} / {@code maxRspTime}, set
 * for the JVM when not set already; the daemon's JVM runs no other HTTP server).
 *
 * <pre>{@code
 * try (StatusServer s = StatusServer.start(new InetSocketAddress("127.0.0.1", 9650), daemon::snapshot)) {
 *     ...
 * }
 * }</pre>
 */
public final class StatusServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final Supplier<StatusSnapshot> source;
    private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();

    private StatusServer(HttpServer server, ThreadPoolExecutor workers, Supplier<StatusSnapshot> source) {
        this.server = server;
        this.workers = workers;
        this.source = source;
    }

    /** Binds {@code address} and serves until {@link #close()}. */
    public static StatusServer start(InetSocketAddress address, Supplier<StatusSnapshot> source) throws IOException {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "10");
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", "10");
        }
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32),
                r -> Thread.ofPlatform().name("k4j-status-" + n.incrementAndGet()).daemon(true).unstarted(r),
                new ThreadPoolExecutor.CallerRunsPolicy());
        HttpServer http;
        try {
            http = HttpServer.create(address, 16);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new IOException("status endpoint: cannot listen on " + address + ": " + e.getMessage(), e);
        }
        http.setExecutor(workers);
        StatusServer s = new StatusServer(http, workers, source);
        ZoneId zone = ZoneId.systemDefault();
        s.route("/status", "application/json", snap -> JsonWriter.write(snap) + "\n");
        s.route("/status.txt", "text/plain; charset=utf-8", StatusTables::text);
        s.route("/metrics", Exposition.CONTENT_TYPE, snap -> PrometheusFormat.text(snap, s.requests()));
        s.route("/keepalived.data", "text/plain; charset=utf-8", snap -> KeepalivedDataFormat.text(snap, zone));
        s.route("/keepalived.stats", "text/plain; charset=utf-8", KeepalivedStatsFormat::text);
        s.route("/keepalived.json", "application/json", KeepalivedJsonFormat::text);
        http.createContext("/", ex -> s.answer(ex, 404, "text/plain; charset=utf-8",
                "not found: try /status, /status.txt, /metrics, /keepalived.data, /keepalived.stats, /keepalived.json\n"));
        http.start();
        LOG.info("Status endpoint listening on http://{}:{}/", http.getAddress().getHostString(), http.getAddress().getPort());
        return s;
    }

    /** The address actually bound (the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Responses so far by HTTP status code. */
    public Map<Integer, Long> requests() {
        Map<Integer, Long> out = new TreeMap<>();
        responses.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }

    private void route(String path, String contentType, Function<StatusSnapshot, String> render) {
        server.createContext(path, ex -> {
            if (!ex.getRequestURI().getPath().equals(path)) {
                answer(ex, 404, "text/plain; charset=utf-8", "not found\n");
                return;
            }
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                answer(ex, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
                return;
            }
            String body;
            try {
                body = render.apply(source.get());
            } catch (RuntimeException e) {
                LOG.warn("status endpoint: no snapshot for {}: {}", path, e.toString());
                answer(ex, 503, "text/plain; charset=utf-8", "status unavailable: " + e.getMessage() + "\n");
                return;
            }
            answer(ex, 200, contentType, body);
        });
    }

    private void answer(HttpExchange ex, int code, String contentType, String body) throws IOException {
        responses.computeIfAbsent(code, k -> new LongAdder()).increment();
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(code, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } finally {
            ex.close();
        }
    }

    /** Stops listening, gives running requests a second, and ends the worker threads. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }
}
