package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.TcpCheck;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.syntax.Node;

import java.util.List;

/** {@code TCP_CHECK} (check_tcp.c): only the common keywords; retry 1, delay_before_retry 1 s. */
final class CheckerTcp implements CheckerPlugin {

    static final CheckerTcp INSTANCE = new CheckerTcp();

    private CheckerTcp() {
    }

    @Override
    public String keyword() {
        return "TCP_CHECK";
    }

    @Override
    public List<BlockSpec> specs() {
        BlockSpec.Builder b = BlockSpec.builder(keyword());
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
                r -> new TcpCheck(r.connection(), r.timing(), block.position())));
    }
}
