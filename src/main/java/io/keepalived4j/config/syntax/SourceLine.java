package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Position;

/**
 * A line after preprocessing (comments removed, includes followed, conditionals, definitions and
 * loops expanded), still carrying the position of the line it came from.
 *
 * @param position  file and line of the original text (column 1)
 * @param text      the processed text
 * @param columnMap whether columns in {@code text} still match the source (false after expansion)
 */
public record SourceLine(Position position, String text, boolean columnMap) {
}
