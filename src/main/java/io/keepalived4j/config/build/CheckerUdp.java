package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.UdpCheck;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.syntax.Node;

import java.util.List;
import java.util.Optional;

/**
 * {@code UDP_CHECK} (check_udp.c): {@code payload HEX}, {@code require_reply [HEX]} (x = any
 * nibble), {@code min_reply_length} (0) and {@code max_reply_length} (255).
 */
final class CheckerUdp implements CheckerPlugin {

    static final CheckerUdp INSTANCE = new CheckerUdp();

    static final int DEFAULT_MAX_REPLY = 255;

    private CheckerUdp() {
    }

    @Override
    public String keyword() {
        return "UDP_CHECK";
    }

    @Override
    public List<BlockSpec> specs() {
        BlockSpec.Builder b = BlockSpec.builder(keyword()).value("payload", "require_reply", "min_reply_length",
                "max_reply_length");
        CheckerCommon.addConnectionKeywords(b);
        CheckerCommon.addTimingKeywords(b);
        return List.of(b.build());
    }

    @Override
    public List<CheckerDraft> parse(Node block, CheckerContext ctx) {
        BuildReport report = ctx.report();
        CheckerCommon common = new CheckerCommon(true, ctx.server().address, report);
        String payload = null;
        boolean requireReply = false;
        String reply = null;
        int min = 0;
        int max = DEFAULT_MAX_REPLY;
        for (Node n : CheckerCommon.children(block)) {
            if (common.handle(n)) {
                continue;
            }
            switch (n.keyword()) {
                case "payload" -> {
                    if (n.argCount() == 0) {
                        report.error(n, "udp-payload", "UDP_CHECK payload requires a payload", "write: payload HEX");
                    } else {
                        Optional<String> hex = hex(String.join(" ", n.args()), false);
                        if (hex.isEmpty()) {
                            report.error(n, "udp-payload", "Invalid hex string for UDP_CHECK payload",
                                    "write hex digits, blanks allowed between octets");
                        }
                        payload = hex.orElse(null);
                    }
                }
                case "require_reply" -> {
                    requireReply = true;
                    if (n.argCount() > 0) {
                        Optional<String> hex = hex(String.join(" ", n.args()), true);
                        if (hex.isEmpty()) {
                            report.error(n, "udp-reply", "Invalid hex string for UDP_CHECK reply",
                                    "write hex digits, x for any nibble");
                        }
                        reply = hex.orElse(null);
                    }
                }
                case "min_reply_length" -> {
                    if (report.require(n, 1)) {
                        var v = report.unsigned(n, 0, 65535, "UDP_CHECK min length " + n.arg(0)
                                + " not valid - must be between 0 & 65535");
                        if (v.isPresent()) {
                            min = (int) v.getAsLong();
                        }
                    }
                }
                case "max_reply_length" -> {
                    if (report.require(n, 1)) {
                        var v = report.unsigned(n, 0, 65535, "UDP_CHECK max length " + n.arg(0)
                                + " not valid - must be between 0 & 65535");
                        if (v.isPresent()) {
                            max = (int) v.getAsLong();
                        }
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
        if (min > max) {
            report.error(block, "udp-reply-length", "UDP_CHECK min_reply length " + min + " > max_reply_length " + max
                    + " - will always fail", "make min_reply_length <= max_reply_length");
        }
        Optional<String> p = Optional.ofNullable(payload);
        boolean require = requireReply;
        Optional<String> pattern = Optional.ofNullable(reply);
        int minLen = min;
        int maxLen = max;
        return List.of(CheckerDraft.standard(block, common, r -> new UdpCheck(r.connection(), r.timing(), p, require,
                pattern, minLen, maxLen, block.position())));
    }

    /**
     * utils.c read_hex_str(): octets of one or two hex digits separated by blanks; with
     * {@code wildcards}, x or X stands for any nibble. Lower-case pairs, or empty when keepalived
     * refuses the text (a bad character, or no octet at all).
     */
    static Optional<String> hex(String text, boolean wildcards) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char hi = nibble(text.charAt(i++), wildcards);
            if (hi == 0) {
                return Optional.empty();
            }
            if (i < n && text.charAt(i) != ' ') {
                char lo = nibble(text.charAt(i++), wildcards);
                if (lo == 0) {
                    return Optional.empty();
                }
                out.append(hi).append(lo);
            } else {
                out.append('0').append(hi);
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
    }

    private static char nibble(char c, boolean wildcards) {
        char l = Character.toLowerCase(c);
        if ((l >= '0' && l <= '9') || (l >= 'a' && l <= 'f')) {
            return l;
        }
        return wildcards && l == 'x' ? 'x' : 0;
    }
}
