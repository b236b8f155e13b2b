package io.keepalived4j.vrrp.instance;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.syntax.Limits;
import io.keepalived4j.vrrp.codec.RejectReason;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From keepalived.conf to the bytes keepalived 2.2.7 sends (the golden captures of vrrp-wire.md
 * section 11), and back through the receive filter: accept, reject with keepalived's wording, and
 * the split-brain report a master gives for a mismatched other master.
 */
class AdvertPathTest {

    private static VrrpInstance instance(String body) {
        var r = ConfigLoader.loadText("t.conf", "vrrp_instance VI_1 {\n interface eth0\n" + body + "\n}\n",
                new LoadOptions("test", Limits.DEFAULT, 0));
        assertThat(r.model().vrrp().instances()).as(r.diagnostics().all().toString()).hasSize(1);
        return r.model().vrrp().instances().getFirst();
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static final String V2_PASS = " virtual_router_id 51\n priority 100\n advert_int 1\n"
            + " authentication {\n  auth_type PASS\n  auth_pass secret12\n }\n"
            + " virtual_ipaddress {\n  10.0.0.100\n  10.0.0.101\n }";

    @Test
    void v2PassAdvertIsByteForByteKeepalivedsCapture() throws Exception {
        AdvertBuilder b = new AdvertBuilder(instance(V2_PASS), false);
        byte[] msg = b.message(100, InetAddress.getByName("10.0.0.2"), InetAddress.getByName("224.0.0.18"));
        assertThat(msg).isEqualTo(hex("2133 6402 0101 f781 0a00 0064 0a00 0065 7365 6372 6574 3132"));
    }

    @Test
    void v3Ipv6AdvertIsByteForByteKeepalivedsCapture() throws Exception {
        AdvertBuilder b = new AdvertBuilder(instance(" virtual_router_id 53\n priority 100\n advert_int 1\n version 3\n"
                + " virtual_ipaddress {\n  fe80::53\n  fd00::53\n }"), false);
        byte[] msg = b.message(100, InetAddress.getByName("fe80::b43d:69ff:fec5:f55d"), InetAddress.getByName("ff02::12"));
        assertThat(msg).isEqualTo(hex("3135 6402 0064 5dad fe80 0000 0000 0000 0000 0000 0000 0053"
                + " fd00 0000 0000 0000 0000 0000 0000 0053"));
    }

    @Test
    void ownAdvertsAreAcceptedAndAPriorityIsCarried() throws Exception {
        VrrpInstance vi = instance(V2_PASS);
        AdvertBuilder b = new AdvertBuilder(vi, false);
        AdvertFilter f = new AdvertFilter(vi, b.template(), false, false);
        InetAddress src = InetAddress.getByName("10.0.0.3");
        InetAddress group = InetAddress.getByName("224.0.0.18");
        assertThat(f.check(b.message(150, src, group), src, group, 255))
                .isEqualTo(new AdvertFilter.Verdict.Accept(src, 150, 100));
        AdvertFilter.Verdict ttl = f.check(b.message(150, src, group), src, group, 64);
        assertThat(ttl).isInstanceOfSatisfying(AdvertFilter.Verdict.Reject.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.BAD_TTL);
            assertThat(r.message()).isEqualTo("invalid TTL/HL. Received 64 and expect 255");
        });
    }

    @Test
    void mismatchedMasterIsRejectedAndReportedOnceAsSplitBrain() throws Exception {
        VrrpInstance mine = instance(V2_PASS);
        VrrpInstance theirs = instance(V2_PASS.replace("advert_int 1", "advert_int 2"));
        AdvertFilter f = new AdvertFilter(mine, new AdvertBuilder(mine, false).template(), false, false);
        InetAddress src = InetAddress.getByName("10.0.0.3");
        InetAddress group = InetAddress.getByName("224.0.0.18");
        byte[] other = new AdvertBuilder(theirs, false).message(90, src, group);
        var reject = (AdvertFilter.Verdict.Reject) f.check(other, src, group, 255);
        assertThat(reject.reason()).isEqualTo(RejectReason.ADVERT_INTERVAL_MISMATCH);
        assertThat(reject.message()).isEqualTo("advertisement interval mismatch mine=1 sec rcv'd=2 sec");
        SplitBrainDetector sb = new SplitBrainDetector("VI_1");
        assertThat(sb.rejected(false, reject.reason(), reject.message(), reject.packet().orElseThrow(), src, 0))
                .as("a backup hearing it is no split brain").isEmpty();
        assertThat(sb.rejected(true, reject.reason(), reject.message(), reject.packet().orElseThrow(), src, 0))
                .hasValueSatisfying(l -> assertThat(l).startsWith("(VI_1) split brain: 10.0.0.3 also advertises VRID 51")
                        .contains("interval mismatch"));
        assertThat(sb.rejected(true, reject.reason(), reject.message(), reject.packet().orElseThrow(), src, 0)).isEmpty();
        assertThat(sb.count()).isEqualTo(2);
    }

    @Test
    void unicastAdvertFromAStrangerIsRejectedWithCheckUnicastSrc() throws Exception {
        VrrpInstance vi = instance(V2_PASS + "\n unicast_src_ip 10.0.0.2\n unicast_peer {\n  10.0.0.3\n }");
        AdvertBuilder b = new AdvertBuilder(vi, false);
        AdvertFilter strict = new AdvertFilter(vi, b.template(), false, true);
        InetAddress me = InetAddress.getByName("10.0.0.2");
        InetAddress peer = InetAddress.getByName("10.0.0.3");
        InetAddress stranger = InetAddress.getByName("10.0.0.9");
        assertThat(strict.check(b.message(90, peer, me), peer, me, 64)).isInstanceOf(AdvertFilter.Verdict.Accept.class);
        assertThat(strict.check(b.message(90, stranger, me), stranger, me, 64))
                .isInstanceOfSatisfying(AdvertFilter.Verdict.Reject.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectReason.UNICAST_SOURCE_NOT_PEER));
    }

    @Test
    void aRepeatedAdvertGetsTheSameVerdictAndAnythingElseIsJudgedInFull() throws Exception {
        VrrpInstance vi = instance(V2_PASS + "\n unicast_src_ip 10.0.0.2\n unicast_peer {\n  10.0.0.3\n }");
        AdvertBuilder b = new AdvertBuilder(vi, false);
        AdvertFilter f = new AdvertFilter(vi, b.template(), false, true);
        InetAddress me = InetAddress.getByName("10.0.0.2");
        InetAddress peer = InetAddress.getByName("10.0.0.3");
        InetAddress stranger = InetAddress.getByName("10.0.0.9");
        byte[] advert = b.message(90, peer, me);

        AdvertFilter.Verdict first = f.check(advert, peer, me, 64);
        assertThat(first).isEqualTo(new AdvertFilter.Verdict.Accept(peer, 90, 100));
        assertThat(f.check(advert.clone(), peer, me, 64)).as("equal bytes, received alike").isSameAs(first);

        assertThat(f.check(advert.clone(), stranger, me, 64)).as("the same bytes from a stranger")
                .isInstanceOfSatisfying(AdvertFilter.Verdict.Reject.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectReason.UNICAST_SOURCE_NOT_PEER));
        advert[6] ^= 0x55; // the caller's array changes after the check: what was remembered does not
        assertThat(f.check(advert, peer, me, 64)).isInstanceOfSatisfying(AdvertFilter.Verdict.Reject.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.BAD_CHECKSUM));
        assertThat(f.check(b.message(80, peer, me), peer, me, 64)).as("a new priority")
                .isEqualTo(new AdvertFilter.Verdict.Accept(peer, 80, 100));
        assertThat(f.check(b.message(90, peer, me), peer, me, 64)).as("back to the first: judged again, not remembered")
                .isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void aRepeatedV3AdvertToAnotherDestinationFailsItsPseudoHeaderChecksum() throws Exception {
        VrrpInstance vi = instance(" virtual_router_id 51\n priority 100\n advert_int 1\n version 3\n"
                + " virtual_ipaddress {\n  10.0.0.100\n }");
        AdvertBuilder b = new AdvertBuilder(vi, false);
        AdvertFilter f = new AdvertFilter(vi, b.template(), false, false);
        InetAddress src = InetAddress.getByName("10.0.0.3");
        InetAddress group = InetAddress.getByName("224.0.0.18");
        byte[] advert = b.message(90, src, group);
        assertThat(f.check(advert, src, group, 255)).isInstanceOf(AdvertFilter.Verdict.Accept.class);
        assertThat(f.check(advert, src, InetAddress.getByName("224.0.0.19"), 255))
                .isInstanceOfSatisfying(AdvertFilter.Verdict.Reject.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectReason.BAD_CHECKSUM));
    }

    @Test
    void garbageNeverThrows() throws Exception {
        VrrpInstance vi = instance(V2_PASS);
        AdvertFilter f = new AdvertFilter(vi, new AdvertBuilder(vi, false).template(), false, false);
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        InetAddress src = InetAddress.getByName("10.0.0.3");
        for (int i = 0; i < 2_000; i++) {
            byte[] junk = new byte[r.nextInt(64)];
            for (int j = 0; j < junk.length; j++) {
                junk[j] = (byte) r.nextInt(256);
            }
            assertThat(f.check(junk, src, src, 255)).isNotNull();
        }
    }
}
