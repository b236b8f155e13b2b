package io.keepalived4j.lb;

import io.keepalived4j.config.model.lvs.Forwarding;

import java.net.InetAddress;

/**
 * Where a virtual server sends traffic: a real server or the sorry server, with how it is reached.
 *
 * @param address    the server's address
 * @param port       its port (0 for fwmark services)
 * @param forwarding NAT, DR or TUN (the userspace proxy always terminates TCP)
 * @param sorry      whether it is the virtual server's sorry_server
 */
public record Destination(InetAddress address, int port, Forwarding forwarding, boolean sorry) {
}
