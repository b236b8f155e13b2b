package io.keepalived4j.config.syntax;

/**
 * Work budgets that bound what hostile input can make the reader do. They are step counts, not
 * wall-clock timeouts, so a given file is accepted or refused the same way on any machine.
 * keepalived itself has none of them: it loops forever on {@code $A=$B}/{@code $B=$A}, recurses
 * until it runs out of file handles on an include cycle and generates all 10^8 lines of
 * {@code ~SEQ(i, 100000000)}.
 *
 * <table>
 *   <caption>Budgets, defaults and the diagnostic code reported when one is exceeded</caption>
 *   <tr><th>budget</th><th>default</th><th>code</th><th>why this value</th></tr>
 *   <tr><td>{@code maxIncludeDepth}</td><td>32</td><td>{@code include-depth}</td>
 *       <td>real configurations include one or two levels</td></tr>
 *   <tr><td>{@code maxBlockDepth}</td><td>32</td><td>{@code too-deep}</td>
 *       <td>keepalived's grammar nests at most 5 levels</td></tr>
 *   <tr><td>{@code maxLines}</td><td>2,000,000</td><td>{@code too-many-lines}, {@code loop-too-long}</td>
 *       <td>20 times a config with 10,000 real servers; bounds physical lines read, lines
 *       produced and loop iterations (each counted separately)</td></tr>
 *   <tr><td>{@code maxLineLength}</td><td>4 MiB</td><td>{@code line-too-long} (as read), {@code expansion-too-long}
 *       (after definitions)</td>
 *       <td>keepalived reads lines of at most 1,024 bytes; a line of 4 Mi braces still costs
 *       about 100 MB of tokens</td></tr>
 *   <tr><td>{@code maxExpansionSteps}</td><td>1,000,000</td><td>{@code expansion-budget}</td>
 *       <td>substitutions of {@code $NAME} in the whole configuration</td></tr>
 *   <tr><td>{@code maxFiles}</td><td>10,000</td><td>{@code too-many-files}</td>
 *       <td>files read through {@code include}, counting a file read twice twice</td></tr>
 *   <tr><td>{@code maxTotalChars}</td><td>64 Mi</td><td>{@code too-much-text} (files),
 *       {@code expansion-budget} (text produced by definitions)</td>
 *       <td>characters read from all files, characters emitted after loops and definitions, and
 *       characters produced by substitutions, each counted separately: about ten times the
 *       largest realistic configuration, and bounds the heap a parse can take to a few hundred MB</td></tr>
 *   <tr><td>{@code maxNesting}</td><td>64</td><td>{@code expansion-budget} (definitions),
 *       {@code loop-too-deep} (loops)</td>
 *       <td>definitions used inside definitions, and loop headers nested in one line: keeps the
 *       Java stack safe whatever the input</td></tr>
 * </table>
 *
 * @param maxIncludeDepth   nested {@code include} levels
 * @param maxBlockDepth     nested {@code { }} levels
 * @param maxLines          lines read; lines produced after includes and loops; loop iterations
 * @param maxLineLength     characters of one line, as read and after definitions are expanded
 * @param maxExpansionSteps definition substitutions, in total
 * @param maxFiles          files read through {@code include}, in total
 * @param maxTotalChars     characters read, emitted, and produced by substitution (each, in total)
 * @param maxNesting        definitions nested in definitions; loop headers nested in one line
 */
public record Limits(int maxIncludeDepth, int maxBlockDepth, long maxLines, int maxLineLength,
                     long maxExpansionSteps, int maxFiles, long maxTotalChars, int maxNesting) {

    /** The documented defaults: far above any real configuration, far below what hurts. */
    public static final Limits DEFAULT = new Limits(32, 32, 2_000_000, 4 * 1024 * 1024, 1_000_000, 10_000,
            64L * 1024 * 1024, 64);
}
