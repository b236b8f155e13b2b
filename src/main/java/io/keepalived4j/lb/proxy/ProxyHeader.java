package io.keepalived4j.lb.proxy;

import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** The PROXY protocol header (v1 text or v2 binary) that tells a real server who the client is. */
final class ProxyHeader {

    private ProxyHeader() {
    }

    static HAProxyMessage of(ProxyProtocol version, InetSocketAddress client, InetSocketAddress local) {
        boolean v6 = client.getAddress() instanceof Inet6Address || local.getAddress() instanceof Inet6Address;
        return new HAProxyMessage(version == ProxyProtocol.V1 ? HAProxyProtocolVersion.V1 : HAProxyProtocolVersion.V2,
                HAProxyCommand.PROXY, v6 ? HAProxyProxiedProtocol.TCP6 : HAProxyProxiedProtocol.TCP4,
                text(client), text(local), client.getPort(), local.getPort());
    }

    /** The address without an IPv6 zone ({@code fe80::1%eth0}): the header has no room for one. */
    private static String text(InetSocketAddress a) {
        String s = a.getAddress().getHostAddress();
        int zone = s.indexOf('%');
        return zone < 0 ? s : s.substring(0, zone);
    }
}
