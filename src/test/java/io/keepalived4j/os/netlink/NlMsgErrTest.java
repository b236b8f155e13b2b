package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NlMsgErrTest {

    @BeforeEach
    void littleEndian() {
        Bytes.assumeLittleEndian();
    }

    @Test
    void cappedErrorCarriesErrnoAndTheRequestHeader() {
        NetlinkMessage m = Bytes.single("""
                24 00 00 00  02 00  00 01  07 00 00 00  d2 04 00 00
                ef ff ff ff
                40 00 00 00  14 00  05 06  07 00 00 00  00 00 00 00
                """);

        NlMsgErr err = NlMsgErr.decode(m.body(), m.header().flags());

        assertThat(m.header().pid()).isEqualTo(1234);
        assertThat(err.errno()).isEqualTo(NetlinkException.EEXIST);
        assertThat(err.request()).isEqualTo(new NlMsgHeader(64, NlMsgType.RTM_NEWADDR, 0x605, 7, 0));
        assertThat(err.kernelMessage()).isEmpty();
    }

    @Test
    void extendedAckMessageAfterCappedRequestIsRead() {
        // NLMSGERR_ATTR_MSG "ipv4: Address not found\0" (24 bytes) after error and echoed header.
        NetlinkMessage m = Bytes.single("""
                40 00 00 00  02 00  00 03  08 00 00 00  d2 04 00 00
                9d ff ff ff
                28 00 00 00  15 00  05 00  08 00 00 00  00 00 00 00
                1c 00 01 00  69 70 76 34 3a 20 41 64 64 72 65 73 73 20 6e 6f 74 20 66 6f 75 6e 64 00
                """);

        NlMsgErr err = NlMsgErr.decode(m.body(), m.header().flags());

        assertThat(err.errno()).isEqualTo(NetlinkException.EADDRNOTAVAIL);
        assertThat(err.kernelMessage()).contains("ipv4: Address not found");
    }

    @Test
    void plainAckHasErrorZero() {
        NetlinkMessage m = Bytes.single("""
                24 00 00 00  02 00  00 01  07 00 00 00  d2 04 00 00
                00 00 00 00
                40 00 00 00  14 00  05 06  07 00 00 00  00 00 00 00
                """);

        assertThat(NlMsgErr.decode(m.body(), m.header().flags()).error()).isZero();
    }

    @Test
    void exceptionReadsLikeIp() {
        NetlinkException e = new NetlinkException(NetlinkException.EEXIST, "add address", java.util.Optional.empty());
        NetlinkException withReason = new NetlinkException(NetlinkException.EADDRNOTAVAIL, "delete address",
                java.util.Optional.of("ipv4: Address not found"));

        assertThat(e).hasMessage("RTNETLINK answers: File exists");
        assertThat(e.alreadyExists()).isTrue();
        assertThat(withReason).hasMessage(
                "RTNETLINK answers: Cannot assign requested address (ipv4: Address not found)");
        assertThat(withReason.notFound()).isTrue();
    }
}
