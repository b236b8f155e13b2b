package io.keepalived4j.interop;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * keepalived.conf text for one VRRP instance on eth0, the same for keepalived and keepalived4j
 * (which reads keepalived's syntax), so either daemon can be dropped into a test.
 *
 * @param routerId        global router_id, e.g. the host name
 * @param version         2 (RFC 3768) or 3 (RFC 5798; the only one for IPv6)
 * @param state           initial state wanted: "MASTER" or "BACKUP"
 * @param vrid            virtual_router_id
 * @param priority        1..254
 * @param advertInt       advert_int as keepalived parses it, e.g. "1" or "0.1" (v3 only)
 * @param vip             the single virtual address
 * @param prefix          its prefix length
 * @param garpMasterDelay garp_master_delay s: the second gratuitous ARP/NA burst after MASTER entry
 */
record VrrpConfig(String routerId, int version, String state, int vrid, int priority, String advertInt,
        InetAddress vip, int prefix, int garpMasterDelay) {

    /** RFC 3768 simple text password; keepalived ignores authentication for VRRPv3. */
    static final String PASSWORD = "secret12";

    String render() {
        return render("");
    }

    /** With extra lines inside the vrrp_instance block (unicast peers, trackers, nopreempt, ...). */
    String render(String extraInstanceLines) {
        String auth = version == 2 ? """
                    authentication {
                        auth_type PASS
                        auth_pass %s
                    }
                """.formatted(PASSWORD) : "";
        String name = vip instanceof Inet6Address ? "VI_6" : "VI_1";
        return """
                global_defs {
                    router_id %s
                    vrrp_version %d
                    vrrp_garp_master_repeat 5
                }

                vrrp_instance %s {
                    state %s
                    interface eth0
                    virtual_router_id %d
                    priority %d
                    advert_int %s
                    garp_master_delay %d
                %s%s    virtual_ipaddress {
                        %s/%d dev eth0
                    }
                }
                """.formatted(routerId, version, name, state, vrid, priority, advertInt, garpMasterDelay, auth,
                extraInstanceLines.indent(4), vip.getHostAddress(), prefix);
    }
}
