package io.keepalived4j.config.model;

import io.keepalived4j.config.Position;

import java.net.InetAddress;

/**
 * One line of {@code virtual_ipaddress} / {@code static_ipaddress}:
 * {@code ADDR[/LEN] [dev IF] [scope S] [brd IP] [label L] ...}.
 *
 * @param address   the address
 * @param prefixLength prefix length (32/128 when not given)
 * @param device    interface, empty for the instance's interface
 * @param scope     scope name, empty for global
 * @param broadcast broadcast spec (IP, "+" or "-"), empty when not given
 * @param label     IPv4 label, empty when not given
 * @param options   other flags as written (home, -nodad, no_track, ...)
 * @param position  where it was configured
 */
public record VirtualAddress(InetAddress address, int prefixLength, String device, String scope, String broadcast,
                             String label, java.util.List<String> options, Position position) {

    public boolean isIpv6() {
        return address instanceof java.net.Inet6Address;
    }
}
