package io.keepalived4j.lb.persist;

/** Why a sync datagram was dropped whole. */
public enum SyncReject {
    /** ends before its header or an entry does */
    TRUNCATED,
    /** not "K4JP": not ours */
    BAD_MAGIC,
    /** a version this node does not speak */
    BAD_VERSION,
    /** no entries, or more than the datagram can hold */
    BAD_COUNT,
    /** a service id of length 0 or not UTF-8 */
    BAD_SERVICE,
    /** an address family other than 4 or 6 */
    BAD_FAMILY,
    /** bytes after the last entry */
    TRAILING_BYTES
}
