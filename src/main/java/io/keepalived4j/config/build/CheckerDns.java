package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.DnsCheck;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.syntax.Node;

import java.util.List;
import java.util.Optional;

/**
 * {@code DNS_CHECK} (check_dns.c): {@code type} (default SOA) and {@code name} (default "."),
 * retry 3 and delay_before_retry = delay_loop by default.
 */
final class CheckerDns implements CheckerPlugin {

    static final CheckerDns INSTANCE = new CheckerDns();

    /** DNS_DEFAULT_RETRY. */
    static final long DEFAULT_RETRY = 3;

    private CheckerDns() {
    }

    @Override
    public String keyword() {
        return "DNS_CHECK";
    }

    @Override
    public List<BlockSpec> specs() {
        BlockSpec.Builder b = BlockSpec.builder(keyword()).value("type", "name");
        CheckerCommon.addConnectionKeywords(b);
        CheckerCommon.addTimingKeywords(b);
        return List.of(b.build());
    }

    @Override
    public List<CheckerDraft> parse(Node block, CheckerContext ctx) {
        BuildReport report = ctx.report();
        CheckerCommon common = new CheckerCommon(true, ctx.server().address, report);
        DnsCheck.Type type = DnsCheck.Type.SOA;
        String name = null;
        for (Node n : CheckerCommon.children(block)) {
            if (common.handle(n)) {
                continue;
            }
            switch (n.keyword()) {
                case "type" -> {
                    if (report.require(n, 1)) {
                        Optional<DnsCheck.Type> t = DnsCheck.Type.parse(n.arg(0));
                        if (t.isPresent()) {
                            type = t.get();
                        } else {
                            report.error(n, "dns-type", "Unknown DNS check type " + n.arg(0) + " - ignoring",
                                    "use A, NS, CNAME, SOA, MX, TXT, AAAA, RRSIG or DNSKEY");
                        }
                    }
                }
                case "name" -> {
                    if (!report.require(n, 1)) {
                        continue;
                    }
                    if (name != null) {
                        report.error(n, "dns-name", "DNS_CHECK name already specified - ignoring", "");
                    } else if (hasEmptyLabel(n.arg(0))) {
                        report.error(n, "dns-name", "DNS_CHECK name '" + n.arg(0) + "' has empty label - ignoring",
                                "remove the doubled '.'");
                    } else {
                        name = n.arg(0);
                    }
                }
                default -> {
                    // unknown keywords are the schema's to report
                }
            }
        }
        if (!common.connectionUsable(block)) {
            return List.of();
        }
        DnsCheck.Type finalType = type;
        String finalName = name != null ? name : DnsCheck.DEFAULT_NAME;
        return List.of(new CheckerDraft(block, common, DEFAULT_RETRY, null,
                r -> new DnsCheck(r.connection(), r.timing(), finalType, finalName, block.position())));
    }

    /**
     * check_dns.c's test, kept as it is: a leading '.' (other than the root "."), or a '.'
     * following the first character or any '.'. So {@code a.b}, whose second character is a
     * dot, is refused by keepalived 2.2.7 too.
     */
    static boolean hasEmptyLabel(String name) {
        if (name.startsWith(".") && name.length() > 1) {
            return true;
        }
        for (int p = 0; p >= 0 && p < name.length(); p = name.indexOf('.', p + 1)) {
            if (p + 1 < name.length() && name.charAt(p + 1) == '.') {
                return true;
            }
        }
        return false;
    }
}
