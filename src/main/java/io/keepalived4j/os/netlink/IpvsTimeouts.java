package io.keepalived4j.os.netlink;

/**
 * The kernel's connection timeouts in seconds ({@code ipvsadm --set tcp tcpfin udp}, keepalived's
 * {@code lvs_timeouts}): established TCP, TCP after FIN, UDP. In IPVS_CMD_SET_CONFIG a 0 leaves
 * that timeout unchanged ({@code ip_vs_set_timeout}).
 */
public record IpvsTimeouts(int tcp, int tcpFin, int udp) {

    public IpvsTimeouts {
        if (tcp < 0 || tcpFin < 0 || udp < 0) {
            throw new IllegalArgumentException("timeouts must not be negative: " + tcp + " " + tcpFin + " " + udp);
        }
    }
}
