package io.keepalived4j.config.model.lvs;

/**
 * {@code lvs_method NAT|DR|TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]} (old name
 * {@code lb_kind}). The tunnel fields only matter for {@link Method#TUN}.
 *
 * @param method     how IPVS forwards to the real server
 * @param tunnelType encapsulation for TUN (default ipip)
 * @param tunnelPort UDP port of a gue tunnel, 0 otherwise
 * @param checksum   tunnel checksum mode (default nocsum)
 */
public record Forwarding(Method method, TunnelType tunnelType, int tunnelPort, TunnelChecksum checksum) {

    /** keepalived's default when no method is configured (with a warning, exit 5 under -t). */
    public static final Forwarding NAT = of(Method.NAT);

    public static Forwarding of(Method method) {
        return new Forwarding(method, TunnelType.IPIP, 0, TunnelChecksum.NOCSUM);
    }

    public enum Method { NAT, DR, TUN }

    public enum TunnelType { IPIP, GUE, GRE }

    public enum TunnelChecksum { NOCSUM, CSUM, REMCSUM }
}
