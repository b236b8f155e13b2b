package io.keepalived4j.config.build;

import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.lvs.MiscCheck;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.syntax.Node;

import java.time.Duration;
import java.util.List;

/**
 * {@code MISC_CHECK} (check_misc.c): {@code misc_path}, {@code misc_timeout} (default: the
 * virtual server's delay_loop), {@code misc_dynamic}, {@code user}. No connection keywords; retry
 * defaults to 0.
 */
final class CheckerMisc implements CheckerPlugin {

    static final CheckerMisc INSTANCE = new CheckerMisc();

    /** UINT_MAX / TIMER_HZ: misc_timeout is kept in microseconds in an unsigned int. */
    static final long MAX_TIMEOUT = KeepalivedNumbers.UINT_MAX / 1_000_000;

    private CheckerMisc() {
    }

    @Override
    public String keyword() {
        return "MISC_CHECK";
    }

    @Override
    public List<BlockSpec> specs() {
        BlockSpec.Builder b = BlockSpec.builder(keyword()).value("misc_path", "misc_timeout", "misc_dynamic", "user");
        CheckerCommon.addTimingKeywords(b);
        return List.of(b.build());
    }

    @Override
    public List<CheckerDraft> parse(Node block, CheckerContext ctx) {
        BuildReport report = ctx.report();
        CheckerCommon common = new CheckerCommon(false, ctx.server().address, report);
        Node path = null;
        String command = "";
        String user = "";
        String group = "";
        long timeout = 0;
        boolean dynamic = false;
        for (Node n : CheckerCommon.children(block)) {
            if (common.handle(n)) {
                continue;
            }
            switch (n.keyword()) {
                case "misc_path" -> {
                    if (n.argCount() > 0) {
                        path = n;
                        command = LvsScripts.commandLine(n);
                    }
                }
                case "misc_timeout" -> {
                    if (report.require(n, 1)) {
                        var v = report.unsigned(n, 0, MAX_TIMEOUT, "Invalid misc_timeout value '" + n.arg(0) + "'");
                        if (v.isPresent()) {
                            timeout = v.getAsLong();
                        }
                    }
                }
                case "misc_dynamic" -> dynamic = true;
                case "user" -> {
                    if (n.argCount() == 0) {
                        report.error(n, "misc-user", "No user specified for misc checker script " + command,
                                "write: user USER [GROUP]");
                    } else {
                        user = n.arg(0);
                        group = n.argCount() > 1 ? n.arg(1) : "";
                    }
                }
                default -> {
                    // unknown keywords are the schema's to report
                }
            }
        }
        if (path == null) {
            report.error(block, "misc-no-path", "No script path has been specified for MISC_CHECKER - skipping",
                    "add: misc_path \"/path/to/script args\"");
            return List.of();
        }
        Script script = new Script(command, user, group, path.position());
        long timeoutSeconds = timeout;
        boolean isDynamic = dynamic;
        return List.of(new CheckerDraft(block, common, 0, CheckerDraft.DEFAULT_DELAY_BEFORE_RETRY,
                r -> new MiscCheck(script, timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : r.serviceDelayLoop(),
                        isDynamic, r.timing(), block.position())));
    }
}
