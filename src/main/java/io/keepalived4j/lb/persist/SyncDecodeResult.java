package io.keepalived4j.lb.persist;

/** The outcome of decoding a sync datagram: never an exception, whatever the bytes. */
public sealed interface SyncDecodeResult {

    record Decoded(SyncMessage message) implements SyncDecodeResult {
    }

    record Rejected(SyncReject reason) implements SyncDecodeResult {
    }
}
