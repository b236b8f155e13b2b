package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.Root;
import io.keepalived4j.vrrp.codec.AdvertValidator;
import io.keepalived4j.vrrp.codec.DecodeResult;
import io.keepalived4j.vrrp.codec.RejectReason;
import io.keepalived4j.vrrp.codec.VrrpDecoder;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * keepalived 2.2.7 as MASTER of an IPv4 and an IPv6 VRRPv3 instance and a VRRPv2 instance with
 * PASS authentication in namespace A; our sockets in
 * namespace B receive its adverts (the project's decoder and validator accept them), then send
 * higher-priority adverts and keepalived steps down to BACKUP on all three.
 */
class KeepalivedInteropTest {

    private static final int VRID4 = 71;
    private static final int VRID6 = 72;
    private static final int VRID2 = 73;
    private static final InetAddress VIP2 = InetAddress.ofLiteral("10.79.0.102");

    @BeforeEach
    void needsRoot() {
        Root.assumeRootOrFailOnCi();
    }

    @Test
    void keepalivedsAdvertsAreAcceptedAndOurHigherPriorityMakesItBackup() throws Exception {
        try (VethLab lab = VethLab.create();
             RawVrrpSocket sock4 = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifB)));
             RawVrrpSocket sock6 = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv6(lab.ifB)));
             KeepalivedProcess keepalived = KeepalivedProcess.start(lab.nsA, config(lab.ifA))) {
            InetAddress keepalivedLinkLocal = lab.linkLocalA();

            DecodeResult.Decoded advert4 = firstAdvert(sock4, VRID4);
            DecodeResult.Decoded advert6 = firstAdvert(sock6, VRID6);
            DecodeResult.Decoded advert2 = firstAdvert(sock4, VRID2);

            assertThat(advert4.source()).isEqualTo(VethLab.A4);
            assertThat(advert6.source()).isEqualTo(keepalivedLinkLocal);
            assertThat(advert4.packet().priority()).isEqualTo(100);
            assertThat(AdvertValidator.check(advert4, expectations(VRID4, Adverts.VIP4))).isEmpty();
            assertThat(AdvertValidator.check(advert6, expectations(VRID6, Adverts.VIP6))).isEmpty();
            AdvertValidator.Expectations v2 = new AdvertValidator.Expectations(VRID2, 2, 1, Adverts.PASSWORD, 100,
                    List.of(VIP2), true);
            assertThat(AdvertValidator.check(advert2, v2)).isEmpty();
            assertThat(AdvertValidator.check(advert2, new AdvertValidator.Expectations(VRID2, 2, 1,
                    "wrong".getBytes(StandardCharsets.US_ASCII), 100, List.of(VIP2), true)))
                    .contains(RejectReason.PASSWORD_MISMATCH);
            // Control: the validator does judge these adverts.
            assertThat(AdvertValidator.check(advert4, expectations(VRID4, InetAddress.ofLiteral("10.79.0.200"))))
                    .contains(RejectReason.ADDRESS_LIST_MISMATCH);
            assertThat(keepalived.awaitLog("(VI_4) Entering MASTER STATE", 5000)).as(keepalived.log()).isTrue();
            assertThat(keepalived.awaitLog("(VI_6) Entering MASTER STATE", 5000)).as(keepalived.log()).isTrue();
            assertThat(keepalived.awaitLog("(VI_2) Entering MASTER STATE", 5000)).as(keepalived.log()).isTrue();
            assertThat(sinceMaster(keepalived.log(), "VI_4")).doesNotContain("(VI_4) Entering BACKUP STATE");

            InetAddress ourLinkLocal = lab.linkLocalB();
            // EUI-64 of B's MAC 02:00:00:79:00:02, as keepalived prints it (RFC 5952)
            assertThat(ourLinkLocal).isEqualTo(InetAddress.ofLiteral("fe80::ff:fe79:2"));
            byte[] higher4 = Adverts.v3(VRID4, 200, VethLab.B4, VrrpSocketOptions.VRRP_GROUP4);
            byte[] higher6 = Adverts.v3(VRID6, 200, ourLinkLocal, VrrpSocketOptions.VRRP_GROUP6);
            byte[] higher2 = Adverts.v2(VRID2, 200, VIP2, VethLab.B4, VrrpSocketOptions.VRRP_GROUP4);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline && !bothBackup(keepalived)) {
                sock4.send(higher4, VrrpSocketOptions.VRRP_GROUP4);
                sock6.send(higher6, VrrpSocketOptions.VRRP_GROUP6);
                sock4.send(higher2, VrrpSocketOptions.VRRP_GROUP4);
                Thread.sleep(200);
            }

            String log = keepalived.log();
            assertThat(sinceMaster(log, "VI_4")).as(log)
                    .contains("(VI_4) Master received advert from 10.79.0.2 with higher priority 200, ours 100")
                    .contains("(VI_4) Entering BACKUP STATE");
            assertThat(sinceMaster(log, "VI_6")).as(log)
                    .contains("(VI_6) Master received advert from fe80::ff:fe79:2 with higher priority 200, ours 100")
                    .contains("(VI_6) Entering BACKUP STATE");
            assertThat(sinceMaster(log, "VI_2")).as(log)
                    .contains("(VI_2) Master received advert from 10.79.0.2 with higher priority 200, ours 100")
                    .contains("(VI_2) Entering BACKUP STATE");
        }
    }

    private static boolean bothBackup(KeepalivedProcess k) throws Exception {
        String log = k.log();
        return List.of("VI_4", "VI_6", "VI_2").stream()
                .allMatch(i -> sinceMaster(log, i).contains("(" + i + ") Entering BACKUP STATE"));
    }

    // keepalived starts every instance in BACKUP ("Entering BACKUP STATE (init)"): only what follows MASTER counts.
    private static String sinceMaster(String log, String instance) {
        int at = log.indexOf("(" + instance + ") Entering MASTER STATE");
        return at < 0 ? "" : log.substring(at);
    }

    private static DecodeResult.Decoded firstAdvert(RawVrrpSocket socket, int vrid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ReceivedPacket> p = socket.receive(Duration.ofMillis(500));
            if (p.isEmpty()) {
                continue;
            }
            byte[] m = p.get().vrrpMessage();
            DecodeResult r = VrrpDecoder.message(m, 0, m.length, p.get().source(), p.get().destination(),
                    p.get().ttlOrHopLimit(), false);
            assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
            DecodeResult.Decoded d = (DecodeResult.Decoded) r;
            assertThat(d.checksumOk()).as("checksum of %s", p.get()).isTrue();
            assertThat(d.ttl()).isEqualTo(255);
            if (d.packet().vrid() == vrid) {
                return d;
            }
        }
        throw new AssertionError("no advert for VRID " + vrid + " from keepalived within 8 s");
    }

    private static AdvertValidator.Expectations expectations(int vrid, InetAddress vip) {
        return new AdvertValidator.Expectations(vrid, 3, 0, null, 100, List.of(vip), true);
    }

    private static String config(String ifname) {
        return """
                global_defs {
                    router_id k4jinterop
                    vrrp_garp_master_delay 0
                    vrrp_garp_master_repeat 1
                }
                vrrp_instance VI_4 {
                    state MASTER
                    interface %1$s
                    version 3
                    virtual_router_id %2$d
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        10.79.0.100/24
                    }
                }
                vrrp_instance VI_2 {
                    state MASTER
                    interface %1$s
                    version 2
                    virtual_router_id %4$d
                    priority 100
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass secret12
                    }
                    virtual_ipaddress {
                        10.79.0.102/24
                    }
                }
                vrrp_instance VI_6 {
                    state MASTER
                    interface %1$s
                    version 3
                    virtual_router_id %3$d
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        fd00:79::100/64
                    }
                }
                """.formatted(ifname, VRID4, VRID6, VRID2);
    }
}
