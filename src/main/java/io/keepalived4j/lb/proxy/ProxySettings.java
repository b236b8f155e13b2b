package io.keepalived4j.lb.proxy;

import java.time.Duration;

/**
 * How the userspace proxy treats connections; keepalived.conf has no words for these, so they
 * come from the command line ({@code --proxy-*}) with HAProxy-like defaults, except the idle
 * timeouts, which are IPVS's own ({@code lvs_timeouts tcp/udp}: 900 s and 300 s).
 *
 * @param connectTimeout  a real server that has not accepted within this is failed over
 * @param retries         how many other real servers a connection tries after a failed connect
 *                        (nginx's proxy_next_upstream_tries - 1, HAProxy's retries + redispatch)
 * @param tcpIdleTimeout  a TCP connection with no byte either way for this long is closed
 * @param udpIdleTimeout  a UDP flow with no datagram either way for this long is forgotten
 * @param proxyProtocol   whether real servers get a PROXY protocol header first
 * @param maxConnections  TCP connections (client side) held at once; more are refused and counted
 * @param maxUdpFlows     UDP flows held at once; datagrams of further flows are dropped and counted
 * @param ioThreads       event-loop threads (0: one per CPU)
 */
public record ProxySettings(Duration connectTimeout, int retries, Duration tcpIdleTimeout, Duration udpIdleTimeout,
                            ProxyProtocol proxyProtocol, int maxConnections, int maxUdpFlows, int ioThreads) {

    public ProxySettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || tcpIdleTimeout.isNegative()
                || udpIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("proxy timeouts must be positive");
        }
        if (retries < 0 || maxConnections < 1 || maxUdpFlows < 1 || ioThreads < 0) {
            throw new IllegalArgumentException("proxy limits must be positive");
        }
    }

    /** The defaults, with the connection limit derived from the process's open-file limit. */
    public static ProxySettings defaults() {
        return new ProxySettings(Duration.ofSeconds(5), 2, Duration.ofSeconds(900), Duration.ofSeconds(300),
                ProxyProtocol.NONE, FdBudget.connectionLimit(), 65_536, 0);
    }

    public ProxySettings withConnectTimeout(Duration d) {
        return new ProxySettings(d, retries, tcpIdleTimeout, udpIdleTimeout, proxyProtocol, maxConnections, maxUdpFlows, ioThreads);
    }

    public ProxySettings withRetries(int n) {
        return new ProxySettings(connectTimeout, n, tcpIdleTimeout, udpIdleTimeout, proxyProtocol, maxConnections, maxUdpFlows, ioThreads);
    }

    public ProxySettings withIdleTimeouts(Duration tcp, Duration udp) {
        return new ProxySettings(connectTimeout, retries, tcp, udp, proxyProtocol, maxConnections, maxUdpFlows, ioThreads);
    }

    public ProxySettings withProxyProtocol(ProxyProtocol p) {
        return new ProxySettings(connectTimeout, retries, tcpIdleTimeout, udpIdleTimeout, p, maxConnections, maxUdpFlows, ioThreads);
    }

    public ProxySettings withLimits(int connections, int udpFlows) {
        return new ProxySettings(connectTimeout, retries, tcpIdleTimeout, udpIdleTimeout, proxyProtocol, connections, udpFlows, ioThreads);
    }

    public ProxySettings withIoThreads(int n) {
        return new ProxySettings(connectTimeout, retries, tcpIdleTimeout, udpIdleTimeout, proxyProtocol, maxConnections, maxUdpFlows, n);
    }
}
