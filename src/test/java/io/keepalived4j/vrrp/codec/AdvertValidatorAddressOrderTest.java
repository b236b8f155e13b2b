package io.keepalived4j.vrrp.codec;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The address-list check compares the advert's addresses with ours as sets, as keepalived 2.2.7
 * does: the same list in another order is accepted, and the common case (same order) takes the
 * fast path without building sets.
 */
class AdvertValidatorAddressOrderTest {

    private static final InetAddress SRC = ip("10.0.0.2");
    private static final InetAddress GROUP = ip("224.0.0.18");

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static DecodeResult.Decoded advert(List<InetAddress> addresses) {
        byte[] b = VrrpEncoder.encode(VrrpPacket.v3(51, 100, 10, addresses), SRC, GROUP, false);
        return (DecodeResult.Decoded) VrrpDecoder.message(b, 0, b.length, SRC, GROUP, 255, false);
    }

    private static AdvertValidator.Expectations ours(List<InetAddress> addresses) {
        return new AdvertValidator.Expectations(51, 3, 0, null, 10, addresses, true);
    }

    @Test
    void theSameAddressesInTheSameOrderOrAnotherAreAccepted() {
        List<InetAddress> ab = List.of(ip("192.0.2.1"), ip("192.0.2.2"));
        List<InetAddress> ba = List.of(ip("192.0.2.2"), ip("192.0.2.1"));
        assertThat(AdvertValidator.check(advert(ab), ours(ab))).isEmpty();
        assertThat(AdvertValidator.check(advert(ab), ours(ba))).isEmpty();
        assertThat(AdvertValidator.check(advert(ba), ours(ab))).isEmpty();
    }

    @Test
    void anotherAddressIsAMismatch() {
        List<InetAddress> ab = List.of(ip("192.0.2.1"), ip("192.0.2.2"));
        List<InetAddress> ac = List.of(ip("192.0.2.1"), ip("192.0.2.3"));
        assertThat(AdvertValidator.check(advert(ac), ours(ab))).isEqualTo(Optional.of(RejectReason.ADDRESS_LIST_MISMATCH));
        assertThat(AdvertValidator.check(advert(List.of(ip("192.0.2.1"))), ours(ab)))
                .isEqualTo(Optional.of(RejectReason.ADDRESS_COUNT_MISMATCH));
    }
}
