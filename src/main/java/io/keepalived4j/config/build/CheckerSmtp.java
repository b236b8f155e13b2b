package io.keepalived4j.config.build;

import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.model.lvs.SmtpCheck;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.schema.Shape;
import io.keepalived4j.config.syntax.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SMTP_CHECK} (check_smtp.c): {@code helo_name} (default smtpchecker.keepalived.org) and
 * the deprecated {@code host { connect_ip ... }} sub-blocks. keepalived turns every host into a
 * checker of its own that shares the block's schedule; the block itself is one more host when it
 * sets any connection keyword, and the only one when there are no hosts.
 */
final class CheckerSmtp implements CheckerPlugin {

    static final CheckerSmtp INSTANCE = new CheckerSmtp();

    /** Spec name of the host sub-block. */
    static final String HOST_SPEC = "SMTP_CHECK host";

    private CheckerSmtp() {
    }

    @Override
    public String keyword() {
        return "SMTP_CHECK";
    }

    @Override
    public List<BlockSpec> specs() {
        BlockSpec.Builder b = BlockSpec.builder(keyword()).value("helo_name")
                // keepalived only logs "The SMTP_CHECK host block is deprecated": no exit status.
                .deprecated("host", Shape.BLOCK, HOST_SPEC, "a separate SMTP_CHECK per host", KaStatus.NONE);
        CheckerCommon.addConnectionKeywords(b);
        CheckerCommon.addTimingKeywords(b);
        BlockSpec.Builder host = BlockSpec.builder(HOST_SPEC);
        CheckerCommon.addConnectionKeywords(host);
        CheckerCommon.addTimingKeywords(host);
        return List.of(b.build(), host.build());
    }

    @Override
    public List<CheckerDraft> parse(Node block, CheckerContext ctx) {
        BuildReport report = ctx.report();
        CheckerCommon common = new CheckerCommon(true, ctx.server().address, report);
        List<CheckerCommon> hosts = new ArrayList<>();
        String helo = SmtpCheck.DEFAULT_HELO;
        for (Node n : CheckerCommon.children(block)) {
            if (common.handle(n)) {
                continue;
            }
            switch (n.keyword()) {
                case "helo_name" -> {
                    if (n.argCount() == 0) {
                        report.error(n, "smtp-helo", "SMTP_CHECK helo name missing", "write: helo_name NAME");
                    } else {
                        helo = String.join(" ", n.args());
                    }
                }
                case "host" -> {
                    // The host starts from the block's connection settings so far; schedule
                    // keywords inside it change the whole checker, as in keepalived.
                    CheckerCommon host = common.copy();
                    for (Node h : CheckerCommon.children(n)) {
                        if (!host.handleConnection(h)) {
                            common.handleTiming(h);
                        }
                    }
                    if (host.connectionUsable(n)) {
                        hosts.add(host);
                    }
                }
                default -> {
                    // unknown keywords are the schema's to report
                }
            }
        }
        List<CheckerCommon> targets = new ArrayList<>();
        if (common.anyConnectionSet()) {
            if (!common.connectionUsable(block)) {
                return List.of();
            }
            targets.add(common);
        }
        targets.addAll(hosts);
        if (targets.isEmpty()) {
            targets.add(common);
        }
        String heloName = helo;
        List<CheckerDraft> drafts = new ArrayList<>();
        for (CheckerCommon t : targets) {
            drafts.add(CheckerDraft.standard(block, t == common ? common : t.withTimingOf(common),
                    r -> new SmtpCheck(r.connection(), r.timing(), heloName, block.position())));
        }
        return drafts;
    }
}
