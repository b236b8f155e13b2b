package io.keepalived4j.os.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A connection synchronisation daemon (IPVS_CMD_NEW_DAEMON), keepalived's
 * {@code lvs_sync_daemon INTERFACE VRRP_INSTANCE [id N] [maxlen N] [port N] [ttl N] [group IP]}:
 * a master sends the connection table to the group, a backup receives it. 0 and empty mean
 * the kernel's defaults (maxlen from the MTU, port 8848, ttl 1, group 224.0.0.81) and are then
 * not sent, as keepalived does; the kernel reports the values in use.
 */
public record IpvsSyncDaemon(State state, String interfaceName, int syncId, int maxLength, int multicastPort,
                             int multicastTtl, Optional<InetAddress> multicastGroup) {

    /** {@code IP_VS_STATE_MASTER}/{@code IP_VS_STATE_BACKUP}: a host may run one of each. */
    public enum State {
        MASTER(1),
        BACKUP(2);

        private final int code;

        State(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Optional<State> of(int code) {
            return code == 1 ? Optional.of(MASTER) : code == 2 ? Optional.of(BACKUP) : Optional.empty();
        }
    }

    public IpvsSyncDaemon {
        if (interfaceName.isEmpty() || interfaceName.length() > 15) {
            throw new IllegalArgumentException("interface names have 1 to 15 characters: '" + interfaceName + "'");
        }
        if (maxLength < 0 || maxLength > 0xffff || multicastPort < 0 || multicastPort > 0xffff) {
            throw new IllegalArgumentException("maxlen and port are 16-bit: " + maxLength + ", " + multicastPort);
        }
        if (multicastTtl < 0 || multicastTtl > 255) {
            throw new IllegalArgumentException("ttl out of range: " + multicastTtl);
        }
        multicastGroup.ifPresent(g -> {
            if (!g.isMulticastAddress()) {
                throw new IllegalArgumentException("sync group must be multicast: " + g.getHostAddress());
            }
        });
    }

    /** Kernel defaults for everything but the interface and sync id. */
    public static IpvsSyncDaemon of(State state, String interfaceName, int syncId) {
        return new IpvsSyncDaemon(state, interfaceName, syncId, 0, 0, 0, Optional.empty());
    }

    public IpvsSyncDaemon withMulticast(InetAddress group, int port, int ttl) {
        return new IpvsSyncDaemon(state, interfaceName, syncId, maxLength, port, ttl, Optional.of(group));
    }

    public IpvsSyncDaemon withMaxLength(int bytes) {
        return new IpvsSyncDaemon(state, interfaceName, syncId, bytes, multicastPort, multicastTtl, multicastGroup);
    }

    boolean groupIsIpv4() {
        return multicastGroup.map(g -> g instanceof Inet4Address).orElse(false);
    }
}
