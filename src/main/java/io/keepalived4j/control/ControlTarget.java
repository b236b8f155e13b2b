package io.keepalived4j.control;

/**
 * What the control channel acts on: the daemon (which hands VRRP changes to its loop thread and
 * server changes to the pool), or a fake in tests. Called from a client's thread, one command at
 * a time per client; an implementation must bound how long it waits.
 */
@FunctionalInterface
public interface ControlTarget {

    /** Performs {@code command} (never {@link ControlCommand.Help} or {@link ControlCommand.Quit}: the server answers those). */
    ControlReply execute(ControlCommand command);
}
