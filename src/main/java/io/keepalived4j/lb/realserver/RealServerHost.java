package io.keepalived4j.lb.realserver;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The little of the host {@link RealServerSetup} touches: sysctls by dotted key, and the addresses
 * of {@code lo}. {@link SystemRealServerHost} is the real one; tests may give another.
 */
public interface RealServerHost {

    /** The sysctl's value, e.g. {@code "0"} for {@code net.ipv4.conf.all.arp_ignore}. */
    String sysctl(String key) throws IOException;

    void setSysctl(String key, String value) throws IOException;

    /** Whether {@code lo} has {@code address} (with any prefix length). */
    boolean onLoopback(InetAddress address) throws IOException;

    /** Adds {@code address} to {@code lo} as a host address (/32 or /128). */
    void addToLoopback(InetAddress address) throws IOException;

    void removeFromLoopback(InetAddress address) throws IOException;
}
