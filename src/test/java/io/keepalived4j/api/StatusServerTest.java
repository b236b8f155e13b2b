package io.keepalived4j.api;

import io.keepalived4j.testsupport.JsonSyntax;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The status endpoint over real HTTP on loopback (an ephemeral port). */
class StatusServerTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesJsonStatusWithInstancesTrackersPeersRejectsSplitBrainAndPools() throws Exception {
        try (StatusServer s = StatusServer.start(new InetSocketAddress("127.0.0.1", 0), StatusFixtures::full)) {
            HttpResponse<String> r = get(s, "/status", "GET");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
            Map<String, Object> doc = JsonSyntax.object(JsonSyntax.parse(r.body()));
            assertThat(doc).containsEntry("routerId", "lb1");
            Map<String, Object> vi1 = JsonSyntax.object(JsonSyntax.array(doc.get("instances")).getFirst());
            assertThat(vi1).containsEntry("name", "VI_1").containsEntry("state", "MASTER")
                    .containsEntry("effectivePriority", 90.0).containsEntry("basePriority", 100.0);
            assertThat(JsonSyntax.object(vi1.get("rejects"))).containsEntry("BAD_TTL", 3.0);
            assertThat(JsonSyntax.array(vi1.get("trackers"))).extracting(t -> JsonSyntax.object(t).get("name"))
                    .containsExactly("chk_haproxy", "eth1");
            assertThat(JsonSyntax.array(vi1.get("peersHeard"))).extracting(p -> JsonSyntax.object(p).get("address"))
                    .containsExactly("10.0.0.2");
            assertThat(JsonSyntax.object(vi1.get("splitBrain"))).containsEntry("reports", 1.0)
                    .containsEntry("last", "(VI_1) another master 10.0.0.9 \"quoted\" heard");
            Map<String, Object> pool = JsonSyntax.object(JsonSyntax.array(doc.get("virtualServers")).getFirst());
            assertThat(pool).containsEntry("service", "[10.0.0.100]:tcp:80").containsEntry("quorumUp", true);
            Map<String, Object> rs = JsonSyntax.object(JsonSyntax.array(pool.get("servers")).getFirst());
            assertThat(rs).containsEntry("weight", 1.0).containsEntry("activeConnections", 7.0);
        }
    }

    @Test
    void servesMetricsTablesAndKeepalivedsDumps() throws Exception {
        try (StatusServer s = StatusServer.start(new InetSocketAddress("127.0.0.1", 0), StatusFixtures::full)) {
            HttpResponse<String> metrics = get(s, "/metrics", "GET");
            assertThat(metrics.headers().firstValue("Content-Type")).contains(Exposition.CONTENT_TYPE);
            assertThat(ExpositionParser.parse(metrics.body())).containsKey("keepalived_vrrp_state");
            assertThat(get(s, "/status.txt", "GET").body()).startsWith("INSTANCE").contains("[10.0.0.11]:tcp:80");
            assertThat(ExporterParser.parseVrrpData(get(s, "/keepalived.data", "GET").body())).containsKeys("VI_1", "VI_6");
            assertThat(ExporterParser.parseStats(get(s, "/keepalived.stats", "GET").body())).containsKeys("VI_1", "VI_6");
            assertThat(ExporterParser.parseJson(get(s, "/keepalived.json", "GET").body())).hasSize(2);
        }
    }

    @Test
    void answersOnlyGetAndHeadAndCountsEveryResponseByCode() throws Exception {
        try (StatusServer s = StatusServer.start(new InetSocketAddress("127.0.0.1", 0), StatusFixtures::full)) {
            HttpResponse<String> post = get(s, "/status", "POST");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
            assertThat(get(s, "/nothing", "GET").statusCode()).isEqualTo(404);
            assertThat(get(s, "/status/more", "GET").statusCode()).isEqualTo(404);
            HttpResponse<String> head = get(s, "/metrics", "HEAD");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();

            assertThat(s.requests()).containsEntry(405, 1L).containsEntry(404, 2L).containsEntry(200, 1L);
            String metrics = get(s, "/metrics", "GET").body();
            assertThat(metrics).contains("keepalived4j_status_requests_total{code=\"404\"} 2");
        }
    }

    @Test
    void aSnapshotThatCannotBeTakenIsA503AndTheServerKeepsServing() throws Exception {
        AtomicBoolean stuck = new AtomicBoolean(true);
        try (StatusServer s = StatusServer.start(new InetSocketAddress("127.0.0.1", 0), () -> {
            if (stuck.get()) {
                throw new IllegalStateException("the VRRP loop did not answer within 2000 ms");
            }
            return StatusFixtures.full();
        })) {
            HttpResponse<String> r = get(s, "/status", "GET");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("did not answer");
            stuck.set(false);
            assertThat(get(s, "/status", "GET").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closingReleasesThePortAndTheThreads() throws Exception {
        InetSocketAddress bound;
        try (StatusServer s = StatusServer.start(new InetSocketAddress("127.0.0.1", 0), StatusFixtures::full)) {
            bound = s.address();
            get(s, "/status", "GET");
        }
        try (StatusServer again = StatusServer.start(bound, StatusFixtures::full)) {
            assertThat(again.address().getPort()).isEqualTo(bound.getPort());
        }
        Thread.sleep(100);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(n -> n.startsWith("k4j-status-"));
    }

    private HttpResponse<String> get(StatusServer s, String path, String method) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + s.address().getPort() + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString("x"))
                : b.method(method, HttpRequest.BodyPublishers.noBody());
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
