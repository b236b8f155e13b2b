package io.keepalived4j.config.build;

import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.model.lvs.HttpCheck;
import io.keepalived4j.config.model.lvs.HttpUrl;
import io.keepalived4j.config.model.lvs.HttpVersion;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.schema.Shape;
import io.keepalived4j.config.syntax.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code HTTP_GET} and {@code SSL_GET} (check_http.c): one or more {@code url { }} blocks (read by
 * {@link CheckerHttpUrl}), {@code virtualhost}, {@code http_protocol}, {@code enable_sni},
 * {@code fast_recovery} and the deprecated {@code nb_get_retry}. delay_before_retry defaults to
 * 3 s for these two.
 */
final class CheckerHttp implements CheckerPlugin {

    static final CheckerHttp HTTP = new CheckerHttp(false);
    static final CheckerHttp SSL = new CheckerHttp(true);

    static final Duration DEFAULT_DELAY_BEFORE_RETRY = Duration.ofSeconds(3);

    private final boolean tls;

    private CheckerHttp(boolean tls) {
        this.tls = tls;
    }

    @Override
    public String keyword() {
        return tls ? "SSL_GET" : "HTTP_GET";
    }

    @Override
    public List<BlockSpec> specs() {
        BlockSpec.Builder b = BlockSpec.builder(keyword())
                .value("virtualhost", "http_protocol", "enable_sni", "fast_recovery")
                .block("url", CheckerHttpUrl.SPEC)
                // keepalived 2.2.7: report_config_error(CONFIG_GENERAL_ERROR, "nb_get_retry is deprecated ...").
                .deprecated("nb_get_retry", "retry", KaStatus.GENERAL_ERROR)
                .since24("tls_compliant", Shape.VALUE, null)
                .since24("sni_name", Shape.VALUE, null);
        CheckerCommon.addConnectionKeywords(b);
        CheckerCommon.addTimingKeywords(b);
        return List.of(b.build(), CheckerHttpUrl.spec());
    }

    @Override
    public List<CheckerDraft> parse(Node block, CheckerContext ctx) {
        BuildReport report = ctx.report();
        CheckerCommon common = new CheckerCommon(true, ctx.server().address, report);
        List<HttpUrl> urls = new ArrayList<>();
        String virtualhost = null;
        HttpVersion version = HttpVersion.HTTP_1_0;
        boolean sni = false;
        boolean fastRecovery = false;
        for (Node n : CheckerCommon.children(block)) {
            if (common.handle(n)) {
                continue;
            }
            switch (n.keyword()) {
                case "url" -> CheckerHttpUrl.parse(n, report).ifPresent(urls::add);
                case "virtualhost" -> {
                    if (n.argCount() == 0) {
                        report.error(n, "http-virtualhost", "HTTP_GET virtualhost name missing", "write: virtualhost NAME");
                    } else {
                        virtualhost = String.join(" ", n.args());
                    }
                }
                case "http_protocol" -> {
                    if (n.argCount() == 0) {
                        report.error(n, "http-protocol", "Missing http_protocol version", "write: http_protocol 1.0|1.0C|1.1");
                        continue;
                    }
                    Optional<HttpVersion> v = HttpVersion.parse(n.arg(0));
                    if (v.isPresent()) {
                        version = v.get();
                    } else {
                        report.error(n, "http-protocol", "Invalid http_protocol version " + n.arg(0), "use 1.0, 1.0C or 1.1");
                    }
                }
                case "enable_sni" -> {
                    var v = report.flag(n, "Invalid enable_sni parameter " + CheckerCommon.argOrEmpty(n));
                    if (v.isPresent()) {
                        sni = v.get();
                    }
                }
                case "fast_recovery" -> {
                    var v = report.flag(n, "Invalid fast_recovery parameter " + CheckerCommon.argOrEmpty(n));
                    if (v.isPresent()) {
                        fastRecovery = v.get();
                    }
                }
                case "nb_get_retry" -> {
                    if (report.require(n, 1)) {
                        report.unsigned(n, 0, KeepalivedNumbers.UINT_MAX, "Invalid nb_get_retry value '" + n.arg(0) + "'")
                                .ifPresent(v -> common.retry = v);
                    }
                }
                default -> {
                    // unknown and 2.4-only keywords are the schema's to report
                }
            }
        }
        if (urls.isEmpty()) {
            report.error(block, "http-no-url", "HTTP/SSL_GET checker has no urls specified - ignoring",
                    "add: url { path / }. keepalived 2.2.7 itself crashes (SIGSEGV, exit 139) on this block");
            return List.of();
        }
        if (!common.connectionUsable(block)) {
            return List.of();
        }
        String vhost = virtualhost;
        HttpVersion v = version;
        boolean enableSni = sni;
        boolean fast = fastRecovery;
        return List.of(new CheckerDraft(block, common, CheckerDraft.DEFAULT_RETRY, DEFAULT_DELAY_BEFORE_RETRY,
                r -> new HttpCheck(tls, r.connection(), r.timing(), urls, v,
                        vhost != null ? Optional.of(vhost) : r.serverVirtualhost(), enableSni, fast, block.position())));
    }
}
