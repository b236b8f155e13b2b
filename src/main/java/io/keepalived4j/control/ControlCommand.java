package io.keepalived4j.control;

import io.keepalived4j.config.model.lvs.Protocol;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One command of the control channel, as {@link ControlProtocol} parses it from a line.
 *
 * <pre>{@code
 * ControlProtocol.parse("maintenance VI_1 on")   // Parsed.Ok(new Maintenance("VI_1", true))
 * }</pre>
 */
public sealed interface ControlCommand {

    /** {@code help}: the commands, one a line. */
    record Help() implements ControlCommand {
    }

    /** {@code show instances}: every VRRP instance, its state, priorities and maintenance. */
    record ShowInstances() implements ControlCommand {
    }

    /** {@code show servers}: every real server, its state, weight and whether it is drained. */
    record ShowServers() implements ControlCommand {
    }

    /** {@code set priority INSTANCE N|default}: the base priority trackers add to, or the configured one again. */
    record SetPriority(String instance, OptionalInt priority) implements ControlCommand {
    }

    /** {@code maintenance INSTANCE on|off}: hold the instance in BACKUP, or release it. */
    record Maintenance(String instance, boolean on) implements ControlCommand {
    }

    /** {@code enable server VS RS} / {@code disable server VS RS}: drain the server (weight 0) or enable it. */
    record ServerState(Service service, Server server, boolean enabled) implements ControlCommand {
    }

    /** {@code set weight VS RS N}: the server's weight in place of the configured one. */
    record SetWeight(Service service, Server server, long weight) implements ControlCommand {
    }

    /** {@code quit}: the server closes the connection. */
    record Quit() implements ControlCommand {
    }

    /** How a command names a virtual server: {@code [TCP|UDP|SCTP] ADDRESS:PORT} or {@code FWM N}. */
    sealed interface Service {
    }

    /**
     * {@code 10.0.0.1:80}, {@code TCP 10.0.0.1:80}, {@code [2001:db8::1]:443}.
     *
     * @param protocol empty when not given: matches any, but must then name one virtual server only
     */
    record AddressService(Optional<Protocol> protocol, InetAddress address, int port) implements Service {
    }

    /** {@code FWM 7}: {@code virtual_server fwmark 7}. */
    record FwmarkService(long mark) implements Service {
    }

    /** A real server: {@code 10.0.0.2:80} or {@code [2001:db8::2]:80}. */
    record Server(InetAddress address, int port) {
    }
}
