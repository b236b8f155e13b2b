package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.SslContext;
import io.keepalived4j.config.syntax.Node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The top-level {@code SSL { password; ca; certificate; key }} block (check_parser.c
 * {@code ssl_handler()}): a second block or a repeated keyword replaces the first, with a message.
 */
final class LvsSslBuilder {

    /** Keyword to the name keepalived uses in its messages. */
    private static final Map<String, String> NAMES = Map.of("password", "password", "ca", "cafile",
            "certificate", "certfile", "key", "keyfile");

    private LvsSslBuilder() {
    }

    static Optional<SslContext> build(List<Node> sslBlocks, BuildReport report) {
        SslContext ssl = null;
        for (Node block : sslBlocks) {
            if (ssl != null) {
                report.error(block, "ssl-duplicate", "SSL context already specified - replacing", "keep one SSL block");
            }
            Map<String, String> values = new HashMap<>();
            for (Node n : CheckerCommon.children(block)) {
                String name = NAMES.get(n.keyword());
                if (name == null) {
                    continue;
                }
                if (n.argCount() == 0) {
                    report.error(n, "ssl-value", "SSL " + name + " missing", "write: " + n.keyword() + " VALUE");
                    continue;
                }
                if (values.containsKey(n.keyword())) {
                    report.error(n, "ssl-value", "SSL " + name + " already specified - replacing", "");
                }
                values.put(n.keyword(), String.join(" ", n.args()));
            }
            ssl = new SslContext(Optional.ofNullable(values.get("password")), Optional.ofNullable(values.get("ca")),
                    Optional.ofNullable(values.get("certificate")), Optional.ofNullable(values.get("key")), block.position());
        }
        return Optional.ofNullable(ssl);
    }
}
