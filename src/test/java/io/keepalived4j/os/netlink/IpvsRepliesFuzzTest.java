package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid replies with random bytes changed or cut: every decoder answers with a value or a
 * {@link MalformedNetlinkException}, never another exception (no short or out-of-bounds read).
 * Each seed replays one run: {@code -Dtest='IpvsRepliesFuzzTest'} and the failing seed's name.
 */
class IpvsRepliesFuzzTest {

    private static final int MUTATIONS_PER_SEED = 400;

    private record Case(byte[] payload, int type, Consumer<NetlinkMessage> decode) {}

    private static List<Case> cases() {
        IpvsMessages ipvs = IpvsMessages.forFamily(0x24);
        IpvsService v6 = IpvsService.of(IpvsServiceKey.of(IpvsProtocol.SCTP, InetAddress.ofLiteral("2001:db8::1"), 3868), "mh")
                .persistent(10).withGranularity(48).withPersistenceEngine("sip");
        IpvsDestination gue = IpvsDestination.of(InetAddress.ofLiteral("10.0.0.2"), 80, IpvsForwarding.TUNNEL, 3)
                .withTunnel(IpvsTunnel.gue(6080, 1));
        // A destination reply: the request's DEST nest plus the connection counts, under NEW_DEST.
        NetlinkRequest destReply = NetlinkRequest.of(0x24, 0).struct(new GenlMsgHdr(IpvsGenl.IPVS_CMD_NEW_DEST, 1)::encode)
                .beginNest(IpvsGenl.IPVS_CMD_ATTR_DEST)
                .attr(IpvsGenl.IPVS_DEST_ATTR_ADDR, new byte[] {10, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
                .attrBe16(IpvsGenl.IPVS_DEST_ATTR_PORT, 80).attrU32(IpvsGenl.IPVS_DEST_ATTR_FWD_METHOD, 2)
                .attrU32(IpvsGenl.IPVS_DEST_ATTR_WEIGHT, 3).attrU8(IpvsGenl.IPVS_DEST_ATTR_TUN_TYPE, 1)
                .attrBe16(IpvsGenl.IPVS_DEST_ATTR_TUN_PORT, 6080).attrU16(IpvsGenl.IPVS_DEST_ATTR_TUN_FLAGS, 1)
                .attrU32(IpvsGenl.IPVS_DEST_ATTR_U_THRESH, 0).attrU32(IpvsGenl.IPVS_DEST_ATTR_L_THRESH, 0)
                .attrU32(IpvsGenl.IPVS_DEST_ATTR_ACTIVE_CONNS, 1).attrU32(IpvsGenl.IPVS_DEST_ATTR_INACT_CONNS, 2)
                .attrU32(IpvsGenl.IPVS_DEST_ATTR_PERSIST_CONNS, 3).attrU16(IpvsGenl.IPVS_DEST_ATTR_ADDR_FAMILY, 2)
                .beginNest(IpvsGenl.IPVS_DEST_ATTR_STATS64);
        for (int type = 1; type <= 10; type++) {
            destReply.attr(type, new byte[] {(byte) type, 0, 0, 0, 0, 0, 0, 0});
        }
        destReply.endNest().endNest();
        return List.of(
                new Case(payload(ipvs.newService(IpvsServiceMessagesTest.SEED_001).encode(1)), 0x24, IpvsReplies::service),
                new Case(payload(ipvs.newService(v6).encode(1)), 0x24, IpvsReplies::service),
                new Case(payload(destReply.encode(1)), 0x24, m -> IpvsReplies.destination(m, AddressFamily.AF_INET)),
                new Case(payload(ipvs.startDaemon(IpvsSyncDaemon.of(IpvsSyncDaemon.State.BACKUP, "eth1", 9).withMaxLength(1400)
                        .withMulticast(InetAddress.ofLiteral("ff02::1:2"), 8848, 3)).encode(1)), 0x24, IpvsReplies::daemon),
                new Case(payload(ipvs.setTimeouts(new IpvsTimeouts(900, 120, 300)).encode(1)), 0x24, IpvsReplies::timeouts),
                new Case(payload(ipvs.newDestination(IpvsServiceMessagesTest.SEED_001, gue).encode(1)), 0x24,
                        m -> IpvsReplies.destination(m, AddressFamily.AF_INET)),
                new Case(Bytes.hex("""
                        01 02 00 00  09 00 02 00 49 50 56 53 00 00 00 00  06 00 01 00 24 00 00 00
                        08 00 03 00 01 00 00 00  08 00 04 00 00 00 00 00  08 00 05 00 06 00 00 00
                        18 00 06 00  14 00 01 00 08 00 01 00 01 00 00 00 08 00 02 00 0b 00 00 00
                        1c 00 07 00  18 00 01 00 08 00 02 00 10 00 00 00 0b 00 01 00 6e 6f 74 69 66 79 00 00
                        """), GenlControlMessages.GENL_ID_CTRL, GenlControlMessages::decodeFamily));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void mutatedRepliesDecodeOrFailAsMalformed(long seed) {
        Random random = new Random(seed);
        List<Case> cases = cases();
        for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
            Case c = cases.get(random.nextInt(cases.size()));
            byte[] mutated = mutate(c.payload(), random);
            NetlinkMessage m = new NetlinkMessage(new NlMsgHeader(NlMsgHeader.SIZE + mutated.length, c.type(), 0, 1, 0),
                    mutated);
            assertThatCode(() -> {
                try {
                    c.decode().accept(m);
                } catch (MalformedNetlinkException expected) {
                    // the one acceptable failure
                }
            }).as("seed %d mutation %d: %s", seed, i, Bytes.hex(mutated)).doesNotThrowAnyException();
        }
    }

    /** Flips 1 to 4 bytes (lengths and types included), or cuts the payload, or both. */
    private static byte[] mutate(byte[] payload, Random random) {
        byte[] out = payload.clone();
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
            int at = random.nextInt(out.length);
            out[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (out[at] + (random.nextBoolean() ? 1 : -1));
        }
        if (random.nextInt(4) == 0) {
            out = Arrays.copyOf(out, random.nextInt(out.length + 1));
        }
        return out;
    }

    private static byte[] payload(byte[] message) {
        return Arrays.copyOfRange(message, NlMsgHeader.SIZE, message.length);
    }
}
