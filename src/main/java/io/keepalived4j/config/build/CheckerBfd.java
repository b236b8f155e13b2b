package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.BfdCheck;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.syntax.Node;

import java.util.List;
import java.util.Optional;

/**
 * {@code BFD_CHECK} (check_bfd.c): {@code name BFD_INSTANCE}, {@code alpha}. keepalived4j does
 * not run BFD; the schema says so once, and the block is still checked as keepalived checks it.
 */
final class CheckerBfd implements CheckerPlugin {

    static final CheckerBfd INSTANCE = new CheckerBfd();

    private CheckerBfd() {
    }

    @Override
    public String keyword() {
        return "BFD_CHECK";
    }

    @Override
    public List<BlockSpec> specs() {
        return List.of(BlockSpec.builder(keyword()).value("name", "alpha").build());
    }

    @Override
    public List<CheckerDraft> parse(Node block, CheckerContext ctx) {
        BuildReport report = ctx.report();
        String prefix = "(" + ctx.serverText() + ") ";
        String name = null;
        Optional<Boolean> alpha = Optional.empty();
        for (Node n : CheckerCommon.children(block)) {
            switch (n.keyword()) {
                case "name" -> {
                    if (n.argCount() != 1) {
                        report.error(n, "bfd-name", prefix + "BFD_CHECK - No or too many names specified - skipping checker",
                                "write: name BFD_INSTANCE");
                        return List.of();
                    }
                    if (!ctx.bfdInstances().contains(n.arg(0))) {
                        report.error(n, "bfd-name", prefix + "BFD_CHECK - BFD " + n.arg(0) + " not configured",
                                "define it at top level: bfd_instance " + n.arg(0) + " { ... }");
                        return List.of();
                    }
                    if (!ctx.server().bfdNames.add(n.arg(0))) {
                        report.error(n, "bfd-name", prefix + "BFD_CHECK - RS already monitoring " + n.arg(0), "");
                        return List.of();
                    }
                    name = n.arg(0);
                }
                case "alpha" -> {
                    Optional<Boolean> a = report.flag(n, "Invalid alpha parameter " + CheckerCommon.argOrEmpty(n));
                    if (a.isPresent()) {
                        alpha = a;
                    }
                }
                default -> {
                    // unknown keywords are the schema's to report
                }
            }
        }
        if (name == null) {
            report.error(block, "bfd-name", prefix + "No name has been specified for BFD_CHECKER - skipping",
                    "add: name BFD_INSTANCE");
            return List.of();
        }
        String bfd = name;
        Optional<Boolean> a = alpha;
        CheckerCommon none = new CheckerCommon(false, ctx.server().address, report);
        return List.of(CheckerDraft.standard(block, none, r -> new BfdCheck(bfd, a, block.position())));
    }
}
