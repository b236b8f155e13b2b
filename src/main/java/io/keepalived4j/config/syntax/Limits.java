package io.keepalived4j.config.syntax;

/**
 * Work budgets that bound what hostile input can make the reader do. They are step counts, not
 * wall-clock timeouts, so a given file is accepted or refused the same way on any machine.
 *
 * @param maxIncludeDepth      nested {@code include} levels (keepalived has no limit and loops on cycles)
 * @param maxBlockDepth        nested {@code { }} levels (real configs need at most 5)
 * @param maxLines             lines produced after includes and loops, in total
 * @param maxLineLength        characters of one line after definitions are expanded
 * @param maxExpansionSteps    definition substitutions, in total
 * @param maxFiles             files read through {@code include}, in total
 */
public record Limits(int maxIncludeDepth, int maxBlockDepth, long maxLines, int maxLineLength,
                     long maxExpansionSteps, int maxFiles) {

    /** The documented defaults: far above any real configuration, far below what hurts. */
    public static final Limits DEFAULT = new Limits(32, 32, 2_000_000, 4 * 1024 * 1024, 1_000_000, 10_000);
}
