package io.keepalived4j.os.netlink;

import static io.keepalived4j.os.netlink.MalformedNetlinkException.Reason.INVALID_VALUE;
import static io.keepalived4j.os.netlink.MalformedNetlinkException.Reason.MISSING_ATTRIBUTE;
import static io.keepalived4j.os.netlink.MalformedNetlinkException.Reason.TRAILING_BYTES;
import static io.keepalived4j.os.netlink.MalformedNetlinkException.Reason.TRUNCATED;
import static io.keepalived4j.os.netlink.MalformedNetlinkException.Reason.UNEXPECTED_MESSAGE;
import static io.keepalived4j.os.netlink.MalformedNetlinkException.Reason.WRONG_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replies the kernel never sends: each is refused with a reason and a message naming the level
 * and attribute, never read short or out of bounds; what a newer kernel may add is skipped.
 */
class IpvsMalformedRepliesTest {

    private static final Function<NetlinkMessage, Object> SERVICE = IpvsReplies::service;
    private static final Function<NetlinkMessage, Object> DEST = m -> IpvsReplies.destination(m, AddressFamily.AF_INET);
    private static final Function<NetlinkMessage, Object> DAEMON = IpvsReplies::daemon;

    @BeforeEach
    void littleEndian() {
        Bytes.assumeLittleEndian();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("attribute runs past its nest", "attribute 5 has length 12 but 8 bytes remain", SERVICE, TRUNCATED, """
                        28 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                        14 00 01 00                                   # service nest, 20 bytes
                        06 00 01 00  02 00 00 00                      #   AF
                        0c 00 05 00  05 00 00 00                      #   FWMARK claims 12 bytes, 8 remain
                        """),
                Arguments.of("attribute length below its header", "attribute 5 has length 2", SERVICE, TRUNCATED, """
                        24 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                        10 00 01 00  06 00 01 00  02 00 00 00
                        02 00 05 00                                   # nla_len 2
                        """),
                Arguments.of("nest runs past the message", "attribute 1 has length 64 but 12 bytes remain", SERVICE, TRUNCATED, """
                        20 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                        40 00 01 00                                   # service nest claims 64 bytes, 12 remain
                        06 00 01 00  02 00 00 00
                        """),
                Arguments.of("stray bytes after the last attribute", "IPVS_CMD_ATTR_SERVICE: 2 stray bytes", SERVICE, TRAILING_BYTES, """
                        24 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                        0e 00 01 00  06 00 01 00  02 00 00 00  00 00  00 00   # nest of 14: AF then 2 bytes
                        """),
                Arguments.of("port of 4 bytes", "attribute 4 has 4 bytes, expected 2", SERVICE, WRONG_SIZE, """
                        44 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                        30 00 01 00
                        06 00 01 00  02 00 00 00
                        06 00 02 00  06 00 00 00
                        14 00 03 00  0a e7 02 64 00 00 00 00 00 00 00 00 00 00 00 00
                        08 00 04 00  00 00 00 50                      #   PORT as a u32
                        """),
                Arguments.of("address of 8 bytes", "attribute 3 has 8 bytes, expected [4, 16]", SERVICE, WRONG_SIZE, """
                        34 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                        20 00 01 00
                        06 00 01 00  02 00 00 00
                        06 00 02 00  06 00 00 00
                        0c 00 03 00  0a 00 00 01 00 00 00 00
                        """),
                Arguments.of("address family as a u32", "attribute 1 has 4 bytes, expected 2", SERVICE, WRONG_SIZE, """
                        20 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                        0c 00 01 00  08 00 01 00  02 00 00 00
                        """),
                Arguments.of("no scheduler", "IPVS_CMD_ATTR_SERVICE: attribute 6 is missing", SERVICE, MISSING_ATTRIBUTE, """
                        44 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                        30 00 01 00
                        06 00 01 00  02 00 00 00
                        08 00 05 00  05 00 00 00
                        0c 00 07 00  02 00 00 00  ff ff ff ff
                        08 00 08 00  00 00 00 00
                        08 00 09 00  ff ff ff ff
                        """),
                Arguments.of("no service at all", "IPVS_CMD_NEW_SERVICE: attribute 1 is missing", SERVICE, MISSING_ATTRIBUTE, """
                        14 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                        """),
                Arguments.of("address family 7", "address family 7", SERVICE, INVALID_VALUE, """
                        20 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                        0c 00 01 00  06 00 01 00  07 00 00 00
                        """),
                Arguments.of("protocol ICMP", "protocol 1 is not TCP, UDP or SCTP", SERVICE, INVALID_VALUE, """
                        28 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                        14 00 01 00  06 00 01 00  02 00 00 00  06 00 02 00  01 00 00 00
                        """),
                Arguments.of("a destination where a service was expected", "got IPVS command 5", SERVICE, UNEXPECTED_MESSAGE, """
                        14 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  05 01 00 00
                        """),
                Arguments.of("an NLMSG_ERROR", "control message type 2", SERVICE, UNEXPECTED_MESSAGE, """
                        24 00 00 00  02 00 00 01  01 00 00 00  00 00 00 00  fd ff ff ff
                        14 00 00 00  24 00 05 00  01 00 00 00  00 00 00 00
                        """),
                Arguments.of("genl header cut short", "shorter than its 4-byte header", SERVICE, TRUNCATED, """
                        12 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01
                        """),
                Arguments.of("forwarding method 5", "forwarding method 5", DEST, INVALID_VALUE, """
                        3c 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  05 01 00 00
                        28 00 02 00
                        14 00 01 00  0a e7 02 15 00 00 00 00 00 00 00 00 00 00 00 00
                        06 00 02 00  00 50 00 00
                        08 00 03 00  05 00 00 00
                        """),
                Arguments.of("daemon state 3", "daemon state 3", DAEMON, INVALID_VALUE, """
                        20 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  09 01 00 00
                        0c 00 03 00  08 00 01 00  03 00 00 00
                        """),
                Arguments.of("IPv4 sync group of 16 bytes", "attribute 5 has 16 bytes, expected [4]", DAEMON, WRONG_SIZE, """
                        48 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  09 01 00 00
                        34 00 03 00
                        08 00 01 00  01 00 00 00
                        09 00 02 00  65 74 68 30 00 00 00 00
                        08 00 03 00  01 00 00 00
                        14 00 05 00  e0 00 00 51 00 00 00 00 00 00 00 00 00 00 00 00
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedReplyIsRefusedWithItsReason(String what, String says, Function<NetlinkMessage, Object> decoder,
                                              MalformedNetlinkException.Reason reason, String hex) {
        NetlinkMessage m = Bytes.single(hex);

        assertThatThrownBy(() -> decoder.apply(m))
                .isInstanceOfSatisfying(MalformedNetlinkException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(says);
    }

    @Test
    void messagesNameTheLevelAndAttribute() {
        NetlinkMessage port = Bytes.single("""
                44 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00  01 01 00 00
                30 00 01 00  06 00 01 00  02 00 00 00  06 00 02 00  06 00 00 00
                14 00 03 00  0a e7 02 64 00 00 00 00 00 00 00 00 00 00 00 00
                08 00 04 00  00 00 00 50
                """);

        assertThatThrownBy(() -> IpvsReplies.service(port))
                .hasMessage("IPVS_CMD_ATTR_SERVICE: attribute 4 has 4 bytes, expected 2");
    }

    @Test
    void unknownAttributesFlaggedNestsAndStatsPaddingAreTolerated() {
        NetlinkMessage m = Bytes.single("""
                dc 00 00 00  24 00 02 00  01 00 00 00  00 00 00 00   # 220 bytes
                01 01 00 00
                c0 00 01 80                                           # IPVS_CMD_ATTR_SERVICE with NLA_F_NESTED, as libnl sets it
                06 00 01 00  02 00 00 00                              #   AF
                08 00 05 00  05 00 00 00                              #   FWMARK 5
                07 00 06 00  72 72 00 00                              #   SCHED_NAME "rr"
                0c 00 07 00  02 00 00 00  ff ff ff ff                 #   FLAGS {HASHED}
                08 00 08 00  00 00 00 00                              #   TIMEOUT 0
                08 00 09 00  ff ff ff ff                              #   NETMASK
                08 00 0d 00  de ad be ef                              #   attribute 13: not in ip_vs.h (yet)
                80 00 0c 00                                           #   STATS64, 128 bytes
                04 00 0b 00                                           #     IPVS_STATS_ATTR_PAD, as on hosts that align u64
                0c 00 01 00 01 00 00 00 00 00 00 00  0c 00 02 00 00 00 00 00 00 00 00 00
                0c 00 03 00 00 00 00 00 00 00 00 00  0c 00 04 00 00 00 00 00 00 00 00 00
                0c 00 05 00 00 00 00 00 00 00 00 00  0c 00 06 00 00 00 00 00 00 00 00 00
                0c 00 07 00 00 00 00 00 00 00 00 00  0c 00 08 00 00 00 00 00 00 00 00 00
                0c 00 09 00 00 00 00 00 00 00 00 00  0c 00 0a 00 00 00 00 00 00 00 00 00
                08 00 07 00  00 00 00 00                              # top-level attribute 7: unknown
                """);

        IpvsServiceEntry e = IpvsReplies.service(m);

        assertThat(e.service().key()).isEqualTo(new IpvsServiceKey.Fwmark(AddressFamily.AF_INET, 5));
        assertThat(e.service().scheduler()).isEqualTo("rr");
        assertThat(e.stats()).contains(new IpvsStats(1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
