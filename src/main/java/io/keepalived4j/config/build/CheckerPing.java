package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.PingCheck;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.syntax.Node;

import java.util.List;

/** {@code PING_CHECK} (check_ping.c): ICMP echo, common keywords only; retry 1, delay_before_retry 1 s. */
final class CheckerPing implements CheckerPlugin {

    static final CheckerPing INSTANCE = new CheckerPing();

    private CheckerPing() {
    }

    @Override
    public String keyword() {
        return "PING_CHECK";
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
                r -> new PingCheck(r.connection(), r.timing(), block.position())));
    }
}
