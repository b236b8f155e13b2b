package io.keepalived4j.config.build;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.ConnectionOptions;
import io.keepalived4j.config.model.lvs.CheckerTiming;
import io.keepalived4j.config.model.lvs.PingCheck;
import io.keepalived4j.config.model.lvs.TcpCheck;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.syntax.Node;

import java.util.List;

/**
 * The checkers that have only the common keywords (retry 1, delay_before_retry 1 s):
 * {@code TCP_CHECK} (check_tcp.c: the connection succeeds) and {@code PING_CHECK} (check_ping.c:
 * an ICMP echo is answered).
 */
final class CheckerConnectOnly implements CheckerPlugin {

    @FunctionalInterface
    private interface Factory {
        Checker make(ConnectionOptions connection, CheckerTiming timing, Position position);
    }

    static final CheckerConnectOnly TCP = new CheckerConnectOnly("TCP_CHECK", TcpCheck::new);
    static final CheckerConnectOnly PING = new CheckerConnectOnly("PING_CHECK", PingCheck::new);

    private final String keyword;
    private final Factory factory;

    private CheckerConnectOnly(String keyword, Factory factory) {
        this.keyword = keyword;
        this.factory = factory;
    }

    @Override
    public String keyword() {
        return keyword;
    }

    @Override
    public List<BlockSpec> specs() {
        BlockSpec.Builder b = BlockSpec.builder(keyword);
        CheckerCommon.addConnectionKeywords(b);
        CheckerCommon.addTimingKeywords(b);
        return List.of(b.build());
    }

    @Override
    public List<CheckerDraft> parse(Node block, CheckerContext ctx) {
        CheckerCommon common = new CheckerCommon(true, ctx.server().address, ctx.report());
        CheckerCommon.children(block).forEach(common::handle);
        if (!common.connectionUsable(block)) {
            return List.of();
        }
        return List.of(CheckerDraft.standard(block, common,
                r -> factory.make(r.connection(), r.timing(), block.position())));
    }
}
