package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.ConnectionOptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Opens a checker's TCP connection as its connection options say: from {@code bindto} /
 * {@code bind_port} when set, to {@code connect_ip}:{@code connect_port}, within
 * {@code connect_timeout}; reads on the socket time out after the same time. Blocking, for virtual
 * threads. ({@code bind_if} and {@code fwmark} need socket options the JDK does not offer: they are
 * reported as not run by this release.)
 */
final class Connector {

    private Connector() {
    }

    static Socket connect(ConnectionOptions o) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            if (o.bindTo().isPresent() || o.bindPort() != 0) {
                s.bind(new InetSocketAddress(o.bindTo().orElse(null), o.bindPort()));
            }
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, o.connectTimeout().toMillis()));
            s.connect(new InetSocketAddress(o.address(), o.port()), millis);
            s.setSoTimeout(millis);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
