package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.HttpUrl;
import io.keepalived4j.config.model.lvs.HttpUrl.StatusRange;
import io.keepalived4j.config.model.lvs.PcreRegex;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.syntax.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code url { }} block of HTTP_GET and SSL_GET: {@code path}, {@code digest},
 * {@code status_code}, {@code virtualhost} and the regex keywords. A url without a path is
 * dropped; one without status codes accepts 200-299.
 */
final class CheckerHttpUrl {

    static final String SPEC = "url";

    /** HTTP_STATUS_CODE_MIN / _MAX. */
    static final int STATUS_MIN = 100;
    static final int STATUS_MAX = 599;

    /** The PCRE2 options keepalived maps by name; others are ignored without a message. */
    static final Set<String> REGEX_OPTIONS = Set.of("allow_empty_class", "alt_bsux", "auto_callout", "caseless",
            "dollar_endonly", "dotall", "dupnames", "extended", "firstline", "match_unset_backref", "multiline",
            "never_ucp", "never_utf", "no_auto_capture", "no_auto_possess", "no_dotstar_anchor", "no_start_optimize",
            "ucp", "ungreedy", "utf", "never_backslash_c", "alt_circumflex", "alt_verbnames", "use_offset_limit");

    private static final Pattern STATUS = Pattern.compile("(\\d+)(?:-(\\d+))?");
    private static final int DIGEST_CHARS = 32;

    private CheckerHttpUrl() {
    }

    static BlockSpec spec() {
        return BlockSpec.builder(SPEC)
                .value("path", "digest", "status_code", "virtualhost", "regex", "regex_no_match", "regex_options",
                        "regex_min_offset", "regex_max_offset", "regex_stack")
                .build();
    }

    static Optional<HttpUrl> parse(Node block, BuildReport report) {
        String path = null;
        String digest = null;
        List<StatusRange> codes = new ArrayList<>();
        String virtualhost = null;
        String regex = null;
        Node regexLine = null;
        boolean noMatch = false;
        List<String> options = new ArrayList<>();
        OptionalLong min = OptionalLong.empty();
        OptionalLong max = OptionalLong.empty();
        boolean stack = false;
        for (Node n : CheckerCommon.children(block)) {
            switch (n.keyword()) {
                case "path" -> {
                    if (report.require(n, 1)) {
                        path = String.join(" ", n.args());
                    }
                }
                case "digest" -> {
                    if (report.require(n, 1)) {
                        if (digest != null) {
                            report.error(n, "http-digest", "Digest '" + n.arg(0) + "' is a duplicate", "give one digest per url");
                        } else {
                            digest = digest(n, report).orElse(null);
                        }
                    }
                }
                case "status_code" -> statusCodes(n, report, codes);
                case "virtualhost" -> {
                    if (n.argCount() == 0) {
                        report.error(n, "http-virtualhost", "Missing HTTP_GET virtualhost name", "write: virtualhost NAME");
                    } else {
                        virtualhost = String.join(" ", n.args());
                    }
                }
                case "regex" -> {
                    // keepalived re-reads this line with C escapes (alloc_strvec_quoted_escaped).
                    Optional<List<String>> words = QuotedEscapedWords.split(n.text());
                    if (words.isEmpty() || words.get().size() != 2) {
                        report.note(n, "http-regex", "regex missing or too many fields",
                                "quote the expression: regex \"...\" (keepalived only logs this)");
                    } else {
                        regex = words.get().get(1);
                        regexLine = n;
                    }
                }
                case "regex_no_match" -> noMatch = true;
                case "regex_options" -> n.args().stream().filter(REGEX_OPTIONS::contains).forEach(options::add);
                case "regex_min_offset" -> min = offset(n, "min", report);
                case "regex_max_offset" -> max = offset(n, "max", report);
                case "regex_stack" -> stack = regexStack(n, report) || stack;
                default -> {
                    // unknown keywords are the schema's to report
                }
            }
        }
        if (path == null) {
            report.error(block, "http-url-no-path", "HTTP/SSL_GET checker url has no path - ignoring", "add: path /");
            return Optional.empty();
        }
        if (regex == null && (!options.isEmpty() || noMatch || min.isPresent() || max.isPresent() || stack)) {
            report.note(block, "http-regex", "regex parameters specified without regex",
                    "keepalived ignores them (and only logs this)");
            options.clear();
            noMatch = false;
            min = OptionalLong.empty();
            max = OptionalLong.empty();
        }
        if (regex != null) {
            checkRegex(regexLine, regex, options, report);
        }
        if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
            report.note(block, "http-regex", "regex min offset " + min.getAsLong() + " > regex_max_offset "
                    + max.getAsLong() + " - ignoring", "keepalived drops both offsets (and only logs this)");
            min = OptionalLong.empty();
            max = OptionalLong.empty();
        }
        return Optional.of(new HttpUrl(path, Optional.ofNullable(digest),
                codes.isEmpty() ? HttpUrl.DEFAULT_STATUS_CODES : merge(codes), Optional.ofNullable(virtualhost),
                Optional.ofNullable(regex), noMatch, options, min, max, block.position()));
    }

    /**
     * keepalived matches with PCRE2, keepalived4j with java.util.regex: a regex whose meaning would
     * differ is refused here, at its line (docs/pcre-vs-java.md). keepalived accepts it, so the
     * exit status of -t stays keepalived's; the daemon cannot build the checker.
     */
    private static void checkRegex(Node at, String regex, List<String> options, BuildReport report) {
        try {
            PcreRegex.compile(regex, options);
        } catch (PcreRegex.UnsupportedRegexException e) {
            report.refused(at, "http-regex-unsupported", "regex \"" + regex + "\": " + e.getMessage(),
                    "keepalived4j matches with java.util.regex; see docs/pcre-vs-java.md for what differs from PCRE2");
        }
    }

    /**
     * 32 hex digits. keepalived converts pairs from the last to the first and reports the text
     * cut after the pair that fails: {@code zz20...} fails at "offset 0/1" showing {@code zz}.
     */
    private static Optional<String> digest(Node n, BuildReport report) {
        String d = n.arg(0);
        if (d.length() != DIGEST_CHARS) {
            report.error(n, "http-digest", "digest '" + d + "' character length should be " + DIGEST_CHARS + " rather than "
                    + d.length(), "use the MD5 printed by genhash");
            return Optional.empty();
        }
        for (int i = DIGEST_CHARS / 2 - 1; i >= 0; i--) {
            if (Character.digit(d.charAt(2 * i), 16) < 0 || Character.digit(d.charAt(2 * i + 1), 16) < 0) {
                report.error(n, "http-digest", "Unable to interpret hex digit in '" + d.substring(0, 2 * i + 2)
                        + "' at offset " + (2 * i) + "/" + (2 * i + 1), "a digest is 32 hexadecimal digits");
                return Optional.empty();
            }
        }
        return Optional.of(d.toLowerCase(java.util.Locale.ROOT));
    }

    private static void statusCodes(Node n, BuildReport report, List<StatusRange> codes) {
        for (String word : n.args()) {
            Matcher m = STATUS.matcher(word);
            boolean ok = m.matches();
            long from = ok ? parse(m.group(1)) : -1;
            long to = ok ? (m.group(2) == null ? from : parse(m.group(2))) : -1;
            if (!ok || from < STATUS_MIN || from > STATUS_MAX || to < STATUS_MIN || to > STATUS_MAX || from > to) {
                report.error(n, "http-status-code", "Invalid HTTP_GET status code '" + word + "'",
                        "use codes or ranges within " + STATUS_MIN + "-" + STATUS_MAX + ", e.g. 200-299 301");
                continue;
            }
            codes.add(new StatusRange((int) from, (int) to));
        }
    }

    private static long parse(String digits) {
        return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    /** Sorted, overlapping and adjacent ranges joined: the bitmap keepalived keeps. */
    static List<StatusRange> merge(List<StatusRange> ranges) {
        List<StatusRange> sorted = new ArrayList<>(ranges);
        sorted.sort(java.util.Comparator.comparingInt(StatusRange::from));
        List<StatusRange> out = new ArrayList<>();
        for (StatusRange r : sorted) {
            if (!out.isEmpty() && r.from() <= out.getLast().to() + 1) {
                StatusRange last = out.removeLast();
                out.add(new StatusRange(last.from(), Math.max(last.to(), r.to())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** regex_min_offset / regex_max_offset: keepalived only logs a bad value and uses 0. */
    private static OptionalLong offset(Node n, String which, BuildReport report) {
        if (n.argCount() != 1) {
            report.note(n, "http-regex", "Missing or too may options for regex_" + which + "_offset",
                    "write: regex_" + which + "_offset N (keepalived only logs this)");
            return OptionalLong.empty();
        }
        if (!n.arg(0).chars().allMatch(Character::isDigit) || n.arg(0).isEmpty()) {
            report.note(n, "http-regex", "Invalid regex_" + which + "_offset " + n.arg(0) + " specified",
                    "write a number of bytes (keepalived only logs this)");
            return OptionalLong.empty();
        }
        return OptionalLong.of(parse(n.arg(0)));
    }

    private static boolean regexStack(Node n, BuildReport report) {
        if (n.argCount() != 2) {
            report.note(n, "http-regex", "regex_stack requires start and max values", "keepalived only logs this");
            return false;
        }
        boolean numeric = n.args().stream().allMatch(a -> !a.isEmpty() && a.chars().allMatch(Character::isDigit));
        if (!numeric) {
            report.note(n, "http-regex", "regex_stack invalid start or max value", "keepalived only logs this");
            return false;
        }
        if (parse(n.arg(0)) > parse(n.arg(1))) {
            report.note(n, "http-regex", "regex stack start cannot exceed max value", "keepalived only logs this");
            return false;
        }
        return true;
    }
}
