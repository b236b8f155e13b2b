package io.keepalived4j.config.model.lvs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code regex} of an HTTP_GET/SSL_GET url as keepalived 2.2.7 reads it (PCRE2, 8-bit code
 * units, check_http.c {@code prepare_regex}), compiled to a {@link Pattern} that matches the same
 * text, or refused with a message naming the construct when Java would read it differently or
 * not at all (docs/pcre-vs-java.md lists both).
 *
 * <pre>{@code
 * PcreRegex r = PcreRegex.compile("<title>OK</title>", List.of("caseless"));
 * r.pattern().matcher(body).find();
 * }</pre>
 *
 * <p>PCRE2 works on bytes (8-bit code units), so the pattern and the subject are seen one char per
 * byte (ISO-8859-1), and {@code .} matches one byte as PCRE2 does without {@code utf}; with the
 * {@code utf} option both are decoded as UTF-8 ({@link #utf()}). Only {@code \n} ends a line ({@link Pattern#UNIX_LINES}), PCRE2's
 * default newline.
 */
public final class PcreRegex {

    /** A keepalived regex this release refuses, with why; {@link #index()} is where, or -1. */
    public static final class UnsupportedRegexException extends IllegalArgumentException {
        private final int index;

        UnsupportedRegexException(String message, int index) {
            super(message);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }

    /** regex_options with a Java flag. */
    private static final Map<String, Integer> FLAGS = Map.of(
            "caseless", Pattern.CASE_INSENSITIVE,
            "dotall", Pattern.DOTALL,
            "extended", Pattern.COMMENTS,
            "multiline", Pattern.MULTILINE,
            "ucp", Pattern.UNICODE_CHARACTER_CLASS,
            "utf", 0);

    /**
     * regex_options that change nothing keepalived can observe: optimisations, callouts (keepalived
     * sets no callout function), restrictions on constructs this class refuses anyway, and an
     * offset limit keepalived never sets.
     */
    private static final Set<String> NO_EFFECT = Set.of("auto_callout", "never_ucp", "never_utf", "never_backslash_c",
            "no_auto_possess", "no_dotstar_anchor", "no_start_optimize", "use_offset_limit", "alt_verbnames", "dupnames");

    /** regex_options Java has no equivalent for, and what they do in PCRE2. */
    private static final Map<String, String> NO_EQUIVALENT = Map.of(
            "allow_empty_class", "[] matches nothing and [^] any character",
            "alt_bsux", "\\u, \\U and \\x take ECMAScript meanings",
            "alt_circumflex", "^ in multiline mode also matches after a final newline",
            "dollar_endonly", "$ matches only at the very end",
            "firstline", "the match must start on the first line",
            "match_unset_backref", "a back reference to an unset group matches the empty string",
            "no_auto_capture", "plain ( ) groups do not capture",
            "ungreedy", "quantifiers are lazy unless followed by ?");

    private final String source;
    private final Pattern pattern;
    private final boolean utf;

    private PcreRegex(String source, Pattern pattern, boolean utf) {
        this.source = source;
        this.pattern = pattern;
        this.utf = utf;
    }

    /**
     * Compiles {@code regex} with keepalived's {@code regex_options} names.
     *
     * @param regex the pattern's bytes as PCRE2 gets them, one char per byte (ISO-8859-1): ASCII
     *              text as is; with {@code utf} the bytes are read as UTF-8
     * @throws UnsupportedRegexException naming the construct or option Java reads differently, or
     *                                   Java's own complaint when it cannot compile the expression
     */
    public static PcreRegex compile(String regex, List<String> options) {
        for (int i = 0; i < regex.length(); i++) {
            if (regex.charAt(i) > 0xff) {
                throw new IllegalArgumentException("a regex is given as bytes, one char each; found U+"
                        + Integer.toHexString(regex.charAt(i)).toUpperCase(java.util.Locale.ROOT) + " at " + i);
            }
        }
        int flags = Pattern.UNIX_LINES;
        for (String option : options) {
            if (NO_EQUIVALENT.containsKey(option)) {
                throw new UnsupportedRegexException("regex_options " + option + " has no Java equivalent (PCRE2: "
                        + NO_EQUIVALENT.get(option) + ")", -1);
            }
            if (!FLAGS.containsKey(option) && !NO_EFFECT.contains(option)) {
                throw new UnsupportedRegexException("regex_options " + option + " is not a keepalived regex option", -1);
            }
            flags |= FLAGS.getOrDefault(option, 0);
        }
        if (options.contains("utf") && options.contains("never_utf")) {
            throw new UnsupportedRegexException("regex_options utf and never_utf contradict each other (PCRE2 refuses the regex)", -1);
        }
        if (options.contains("ucp") && options.contains("never_ucp")) {
            throw new UnsupportedRegexException("regex_options ucp and never_ucp contradict each other (PCRE2 refuses the regex)", -1);
        }
        boolean utf = options.contains("utf");
        if (utf && options.contains("caseless")) {
            // PCRE2 folds case by Unicode rules in UTF mode, by its ASCII tables otherwise.
            flags |= Pattern.UNICODE_CASE;
        }
        String text = utf ? new String(regex.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8) : regex;
        PcreSyntax.check(text, options.contains("extended"));
        try {
            return new PcreRegex(regex, Pattern.compile(text, flags), utf);
        } catch (PatternSyntaxException e) {
            throw new UnsupportedRegexException("Java cannot compile this regex: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at offset " + e.getIndex() : ""), e.getIndex());
        }
    }

    public String source() {
        return source;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** Decode the subject as UTF-8 (regex_options utf), else one char per byte (ISO-8859-1). */
    public boolean utf() {
        return utf;
    }

    @Override
    public String toString() {
        return source;
    }
}
