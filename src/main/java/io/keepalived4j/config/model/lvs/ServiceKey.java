package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.model.IpText;
import java.net.InetAddress;
import java.util.Optional;

/**
 * What a {@code virtual_server} line names: an address and port, a firewall mark, or a
 * {@code virtual_server_group}.
 */
public sealed interface ServiceKey {

    /**
     * keepalived's {@code FMT_VS()} text, used in its messages: {@code [10.0.0.1]:tcp:80},
     * {@code FWM 1}, {@code [GROUP]:0}.
     */
    String describe(Optional<Protocol> protocol);

    /** {@code virtual_server IP [PORT]}; port 0 when none was given. */
    record Address(InetAddress address, int port) implements ServiceKey {
        @Override
        public String describe(Optional<Protocol> protocol) {
            return "[" + IpText.of(address) + "]:" + Protocol.logName(protocol) + ":" + port;
        }
    }

    /** {@code virtual_server fwmark N}. */
    record Fwmark(long mark) implements ServiceKey {
        @Override
        public String describe(Optional<Protocol> protocol) {
            return "FWM " + mark;
        }
    }

    /** {@code virtual_server group NAME}. */
    record Group(String name) implements ServiceKey {
        @Override
        public String describe(Optional<Protocol> protocol) {
            return "[" + name + "]:0";
        }
    }
}
