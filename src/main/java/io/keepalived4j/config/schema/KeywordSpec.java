package io.keepalived4j.config.schema;

/**
 * One keyword of a block.
 *
 * @param name         the keyword
 * @param shape        what may follow it
 * @param child        for {@link Shape#BLOCK}: the name of the child block spec in {@link Keywords}
 * @param deprecation  non-null for an old name
 * @param availability which keepalived knows it
 * @param note         extra text for the availability warning (e.g. "BFD is not supported")
 */
public record KeywordSpec(String name, Shape shape, String child, Deprecation deprecation,
                          Availability availability, String note) {

    public boolean isDeprecated() {
        return deprecation != null;
    }
}
