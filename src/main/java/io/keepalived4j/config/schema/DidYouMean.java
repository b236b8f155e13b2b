package io.keepalived4j.config.schema;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Suggests the keyword a user probably meant: smallest edit distance (with transpositions), or a
 * keyword that is a prefix of what was typed ({@code advert_interval} for {@code advert_int}),
 * or the same word in another case.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /** Up to three candidates, best first; empty when nothing is close. */
    public static List<String> suggest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, Math.min(4, w.length() / 3));
        record Scored(String candidate, int score) {
        }
        return candidates.stream()
                .map(c -> new Scored(c, score(w, c.toLowerCase(Locale.ROOT), limit)))
                .filter(s -> s.score() < Integer.MAX_VALUE)
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::candidate))
                .limit(3)
                .map(Scored::candidate)
                .toList();
    }

    private static int score(String w, String c, int limit) {
        if (w.equals(c)) {
            return 0;
        }
        int d = distance(w, c, limit + 1);
        if (d <= limit) {
            return d;
        }
        // "advert_interval" vs "advert_int", "connection_timeout" vs "connect_timeout".
        int common = commonPrefix(w, c);
        if (common >= 6 && (common == c.length() || common == w.length())) {
            return limit + 1;
        }
        if (common >= 7 && suffixMatches(w, c)) {
            return limit + 2;
        }
        return Integer.MAX_VALUE;
    }

    private static boolean suffixMatches(String a, String b) {
        int ua = a.lastIndexOf('_');
        int ub = b.lastIndexOf('_');
        return ua > 0 && ub > 0 && a.substring(ua).equals(b.substring(ub));
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Optimal string alignment distance, giving up (returning {@code cap}) once it exceeds cap. */
    static int distance(String a, String b, int cap) {
        if (Math.abs(a.length() - b.length()) >= cap) {
            return cap;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin >= cap) {
                return cap;
            }
        }
        return Math.min(cap, d[a.length()][b.length()]);
    }
}
