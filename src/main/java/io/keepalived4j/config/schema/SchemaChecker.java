package io.keepalived4j.config.schema;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.syntax.Node;
import io.keepalived4j.config.syntax.Token;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a statement tree against the keyword tables: unknown keywords (keepalived's
 * {@code Unknown keyword 'X'}, with our "did you mean" and "belongs in" hints), blocks without
 * braces, values with unexpected blocks, deprecated names, 2.4-only and unsupported keywords.
 * Unknown blocks are skipped whole, as keepalived skips them. Iterative, so depth costs no stack.
 */
public final class SchemaChecker {

    /** The diagnostics stage of the keyword checks (see Diagnostics#stage). */
    public static final String STAGE = "schema";

    private final Keywords keywords;
    private final Diagnostics diagnostics;
    private final Set<String> unsupportedReported = new HashSet<>();
    private final KeywordSupport support = KeywordSupport.get();
    /** The diagnostic code of a keyword that is parsed but not run ({@link KeywordSupport}). */
    public static final String NOT_RUN = "not-run";
    /** Hints per (block, keyword): generated configurations repeat the same unknown keyword. */
    private final java.util.Map<String, String> hints = new java.util.HashMap<>();
    private long unknownCount;
    private Position firstUnreported;

    /**
     * Unknown keywords reported one by one; the rest are counted in one summary line. A loop can
     * produce two million unknown lines, and a did-you-mean for each would take minutes.
     */
    static final int UNKNOWN_REPORT_LIMIT = 1_000;

    private SchemaChecker(Keywords keywords, Diagnostics diagnostics) {
        this.keywords = keywords;
        this.diagnostics = diagnostics;
    }

    public static void check(List<Node> roots, Diagnostics diagnostics) {
        new SchemaChecker(Keywords.get(), diagnostics).run(roots);
    }

    private record Work(List<Node> nodes, BlockSpec spec) {
    }

    private void run(List<Node> roots) {
        Deque<Work> work = new ArrayDeque<>();
        work.push(new Work(roots, keywords.root()));
        while (!work.isEmpty()) {
            Work w = work.pop();
            for (Node node : w.nodes()) {
                checkNode(node, w.spec(), work);
            }
        }
        if (unknownCount > UNKNOWN_REPORT_LIMIT) {
            diagnostics.warning(KaStatus.UNKNOWN_KEYWORD, firstUnreported, "unknown-keyword",
                    (unknownCount - UNKNOWN_REPORT_LIMIT) + " more unknown keywords not listed (" + unknownCount
                            + " in all)", "", "fix the ones above first; a ~SEQ/~LST loop may be producing them");
        }
    }

    /**
     * A keyword this release accepts and checks but does not act on ({@link KeywordSupport}): a note
     * at its line, which never changes the exit status.
     */
    private void noteNotRun(Node node, BlockSpec block, String kw) {
        support.of(block.name(), kw).filter(e -> e.status() == KeywordSupport.Status.PARSED_ONLY).ifPresent(e ->
                diagnostics.note(node.position(), NOT_RUN, "'" + kw + "' is parsed and checked but not run by this release"
                        + (e.note().isEmpty() ? "" : ": " + e.note()), node.text(), "see docs/keyword-status.md"));
    }

    private void checkNode(Node node, BlockSpec block, Deque<Work> work) {
        if (node.words().isEmpty()) {
            return;
        }
        noteSlashComments(node);
        noteGluedKeywords(node, block);
        String kw = node.keyword();
        KeywordSpec spec = block.get(kw);
        if (spec == null) {
            unknown(node, block);
            return;
        }
        if (spec.availability() == Availability.KEEPALIVED_2_4_ONLY) {
            diagnostics.warning(KaStatus.UNKNOWN_KEYWORD, node.position(), "since-2.4",
                    "'" + kw + "' is only known to keepalived 2.4 and later; keepalived 2.2.7 reports it as unknown",
                    node.text(), "");
        } else if (spec.availability() == Availability.UNSUPPORTED && unsupportedReported.add(kw)) {
            diagnostics.warning(KaStatus.NONE, node.position(), "unsupported",
                    "'" + kw + "' is parsed but not supported by keepalived4j" + (spec.note().isEmpty() ? "" : ": " + spec.note()),
                    node.text(), "");
        }
        noteNotRun(node, block, kw);
        if (spec.isDeprecated()) {
            Deprecation d = spec.deprecation();
            diagnostics.warning(d.kaStatus(), node.position(), "deprecated",
                    "'" + kw + "' is deprecated; use '" + d.replacement() + "'", node.text(), "write " + d.replacement());
        }
        switch (spec.shape()) {
            case BLOCK -> {
                if (!node.isBlock()) {
                    diagnostics.error(KaStatus.MISSING_BOB, node.position(), "missing-open-brace",
                            "Missing '{' at beginning of configuration block '" + kw + "'", node.text(),
                            "write: " + kw + (node.argCount() > 0 ? " " + String.join(" ", node.args()) : "") + " {");
                } else {
                    work.push(new Work(node.children(), keywords.spec(spec.child())));
                }
            }
            case ITEMS -> {
                if (!node.isBlock()) {
                    diagnostics.error(KaStatus.MISSING_BOB, node.position(), "missing-open-brace",
                            "Missing '{' at beginning of configuration block '" + kw + "'", node.text(),
                            "write: " + kw + " { ... }");
                } else {
                    node.children().forEach(this::noteSlashComments);
                }
            }
            case VALUE -> {
                if (node.isBlock()) {
                    diagnostics.error(KaStatus.UNEXPECTED_BOB, node.position(), "unexpected-block",
                            "'" + kw + "' takes a value, not a block", node.text(), "remove the braces");
                }
            }
            case VALUE_OR_ITEMS -> {
                if (node.isBlock()) {
                    node.children().forEach(this::noteSlashComments);
                }
            }
        }
    }

    private void unknown(Node node, BlockSpec block) {
        if (++unknownCount > UNKNOWN_REPORT_LIMIT) {
            if (firstUnreported == null) {
                firstUnreported = node.position();
            }
            return;
        }
        String kw = node.keyword();
        String suggestion = hints.computeIfAbsent(block.name() + "\u0000" + kw, k -> hint(node, block));
        String in = block.name().equals(Keywords.ROOT) ? "at top level" : "in " + block.name();
        diagnostics.warning(KaStatus.UNKNOWN_KEYWORD, node.position(), "unknown-keyword",
                "Unknown keyword '" + kw + "' " + in + (node.isBlock() ? " (block skipped)" : ""), node.text(), suggestion);
    }

    private String hint(Node node, BlockSpec block) {
        String kw = node.keyword();
        String suggestion = Hints.forKeyword(block.name(), kw).orElse("");
        if (suggestion.isEmpty()) {
            List<String> close = DidYouMean.suggest(kw, block.keywords().keySet());
            if (!close.isEmpty()) {
                suggestion = "did you mean '" + String.join("', '", close) + "'?";
            }
        }
        List<String> elsewhere = keywords.blocksOf(kw).stream().filter(b -> !b.equals(block.name())).toList();
        if (!elsewhere.isEmpty()) {
            String where = "'" + kw + "' belongs in " + String.join(", ", elsewhere.stream().map(SchemaChecker::describe).toList());
            if (elsewhere.contains(Keywords.ROOT) && !block.name().equals(Keywords.ROOT)) {
                where += " (is a '}' missing above this line?)";
            }
            suggestion = suggestion.isEmpty() ? where : suggestion + "; " + where;
        }
        return suggestion;
    }

    private static String describe(String specName) {
        return specName.equals(Keywords.ROOT) ? "the top level" : specName;
    }

    /**
     * A keyword run together with the text before it ({@code LVS_02router_id}, {@code 100advert_int})
     * means a newline was lost, as when a tutorial's line breaks vanish: say so, since "unknown
     * keyword" or "not a number" alone hides the real problem.
     */
    private void noteGluedKeywords(Node node, BlockSpec block) {
        for (Token t : node.words()) {
            String w = t.text();
            if (t.quoted() || w.length() < 8 || block.get(w) != null || !keywords.blocksOf(w).isEmpty()) {
                continue;
            }
            String glued = gluedKeyword(w, block);
            if (glued == null) {
                glued = gluedKeyword(w, keywords.root());
            }
            if (glued != null) {
                int at = t.column() + w.length() - glued.length();
                diagnostics.note(node.position().atColumn(at), "glued-keyword",
                        "'" + glued + "' is run together with the text before it; a line break seems to be missing",
                        w, "put '" + glued + "' at the start of its own line");
                return;
            }
        }
    }

    private static String gluedKeyword(String word, BlockSpec block) {
        String best = null;
        for (String k : block.keywords().keySet()) {
            // "vrrp_instance" ends with "instance" but is a word of its own: a glued keyword follows
            // other text directly, not an underscore.
            if (k.length() >= 6 && word.length() > k.length() && word.endsWith(k)
                    && word.charAt(word.length() - k.length() - 1) != '_'
                    && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best;
    }

    /** keepalived has no '//' comments: the words after it become values or keywords. */
    private void noteSlashComments(Node node) {
        for (int i = 1; i < node.words().size(); i++) {
            Token t = node.words().get(i);
            if (!t.quoted() && t.text().startsWith("//")) {
                Position at = node.position().atColumn(t.column());
                diagnostics.note(at, "slash-comment", "'//' does not start a comment in keepalived.conf; "
                        + "the words after it are read as values", node.text(), "use '#' or '!' for comments");
                return;
            }
        }
    }
}
