package io.keepalived4j.config.model.lvs;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how a checker connects ({@code connect_ip}, {@code connect_port}, {@code bindto},
 * {@code bind_port}, {@code bind_if}, {@code fwmark}, {@code connect_timeout}).
 *
 * @param address        {@code connect_ip}, else the real server's address
 * @param port           {@code connect_port}, else the real server's port as written. keepalived
 *                       copies it before applying its port rules, so a real server written
 *                       without a port is checked on port 0 unless connect_port is given
 * @param bindTo         source address
 * @param bindPort       source port, 0 for any
 * @param bindInterface  source interface (required for IPv6 link-local destinations)
 * @param fwmark         SO_MARK on the checker's socket, 0 for none
 * @param connectTimeout checker value, else real server, else virtual server (default 5 s)
 */
public record ConnectionOptions(InetAddress address, int port, Optional<InetAddress> bindTo, int bindPort,
                                Optional<String> bindInterface, long fwmark, Duration connectTimeout) {
}
