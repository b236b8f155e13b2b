package io.keepalived4j.os.netlink;

/**
 * The encapsulation of a TUNNEL destination (Linux 5.2+; {@code flags} 5.3+): IPIP, or GUE to a
 * UDP port, or GRE, with GUE/GRE checksum flags, as keepalived's {@code tunnel_type} keyword.
 * Requests carry the port only for GUE and the flags only for GUE/GRE, as keepalived sends them;
 * the kernel reports all three for every destination.
 */
public record IpvsTunnel(Type type, int port, int flags) {

    /** {@code IP_VS_TUNNEL_ENCAP_FLAG_CSUM}. */
    public static final int FLAG_CSUM = 0x1;
    /** {@code IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM} (GUE only). */
    public static final int FLAG_REMCSUM = 0x2;

    /** The default when a kernel reports no tunnel type (before 5.2 every tunnel was IPIP). */
    public static final IpvsTunnel IPIP = new IpvsTunnel(Type.IPIP, 0, 0);

    /** {@code IP_VS_CONN_F_TUNNEL_TYPE_*}. */
    public enum Type {
        IPIP, GUE, GRE;

        public int code() {
            return ordinal();
        }
    }

    public IpvsTunnel {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("tunnel port out of range: " + port);
        }
    }

    public static IpvsTunnel gue(int port, int flags) {
        if (port == 0) {
            throw new IllegalArgumentException("a GUE tunnel needs a port");
        }
        return new IpvsTunnel(Type.GUE, port, flags);
    }

    public static IpvsTunnel gre(int flags) {
        return new IpvsTunnel(Type.GRE, 0, flags);
    }
}
