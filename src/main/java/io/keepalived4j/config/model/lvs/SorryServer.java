package io.keepalived4j.config.model.lvs;

import java.net.InetAddress;

/**
 * {@code sorry_server IP [PORT]}: the server that receives traffic when the quorum is lost.
 *
 * @param address    its address
 * @param port       its port after keepalived's port rules (0 for fwmark services)
 * @param inhibit    {@code sorry_server_inhibit}
 * @param forwarding {@code sorry_server_lvs_method}, else the virtual server's method
 */
public record SorryServer(InetAddress address, int port, boolean inhibit, Forwarding forwarding) {
}
