package io.keepalived4j.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The effective capability set of this process, as the kernel reports it in the {@code CapEff:}
 * line of {@code /proc/self/status} (a 64-bit hex mask, bit N = capability N, see
 * capabilities(7)). VRRP needs CAP_NET_RAW for its raw IPPROTO_VRRP socket and gratuitous ARP,
 * and CAP_NET_ADMIN for adding VIPs, routes and multicast memberships; keepalived simply runs as
 * root, but under systemd or in a container those two may be all that is granted, so the check
 * is on capabilities, never on uid 0.
 *
 * <pre>{@code
 * Capabilities.current().requireVrrpPrivileges();   // before opening any socket
 * }</pre>
 *
 * @param effective the CapEff bit mask
 */
public record Capabilities(long effective) {

    /** capability.h: CAP_NET_ADMIN = 12. */
    public static final int CAP_NET_ADMIN = 12;
    /** capability.h: CAP_NET_RAW = 13. */
    public static final int CAP_NET_RAW = 13;

    /** This process's capabilities, read from /proc/self/status now. */
    public static Capabilities current() {
        try {
            return parseStatus(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status", e);
        }
    }

    /**
     * Parses the text of a /proc/PID/status file.
     *
     * @throws IllegalArgumentException when it has no well-formed {@code CapEff:} line
     */
    public static Capabilities parseStatus(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("CapEff:")) {
                String hex = line.substring("CapEff:".length()).strip();
                try {
                    return new Capabilities(Long.parseUnsignedLong(hex, 16));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("malformed CapEff line: " + line, e);
                }
            }
        }
        throw new IllegalArgumentException("no CapEff line in process status");
    }

    public boolean has(int capability) {
        return (effective >>> capability & 1) != 0;
    }

    public boolean hasNetRaw() {
        return has(CAP_NET_RAW);
    }

    public boolean hasNetAdmin() {
        return has(CAP_NET_ADMIN);
    }

    /**
     * Returns when VRRP can run; otherwise throws with a message naming what is missing, which
     * the daemon prints before exiting with keepalived's "missing permission" status (4).
     */
    public void requireVrrpPrivileges() {
        List<String> missing = new ArrayList<>();
        if (!hasNetRaw()) {
            missing.add("cap_net_raw");
        }
        if (!hasNetAdmin()) {
            missing.add("cap_net_admin");
        }
        if (!missing.isEmpty()) {
            throw new MissingPrivilegesException(String.format(
                    "keepalived4j needs root or CAP_NET_RAW and CAP_NET_ADMIN to send VRRP and manage "
                            + "addresses (effective capabilities: %016x, missing %s)",
                    effective, String.join(", ", missing)));
        }
    }

    /** The process may not open raw sockets or change addresses; not retryable. */
    public static final class MissingPrivilegesException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingPrivilegesException(String message) {
            super(message);
        }
    }
}
