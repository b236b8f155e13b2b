package io.keepalived4j.config.schema;

/** What may follow a keyword. */
public enum Shape {
    /** Arguments on the same line, no block ({@code priority 100}, {@code nopreempt}). */
    VALUE,
    /** A block of keywords checked against a child {@link BlockSpec} ({@code vrrp_instance VI_1 { ... }}). */
    BLOCK,
    /** A block of free-form lines its builder interprets ({@code virtual_ipaddress { ... }}). */
    ITEMS,
    /** Either arguments or a block of free-form lines ({@code notification_email a@b} or {@code { ... }}). */
    VALUE_OR_ITEMS
}
