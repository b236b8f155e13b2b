package io.keepalived4j.vrrp.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectLogTest {

    @Test
    void firstRejectionIsLoggedInKeepalivedsWordsAndRepeatsAreRateLimited() {
        RejectLog log = new RejectLog("VI_1", 60_000_000);
        assertThat(log.reject(RejectReason.PASSWORD_MISMATCH, "", 0)).contains("(VI_1) received an invalid passwd!");
        for (long t = 1_000_000; t < 60_000_000; t += 1_000_000) {
            assertThat(log.reject(RejectReason.PASSWORD_MISMATCH, "", t)).isEmpty();
        }
        assertThat(log.reject(RejectReason.PASSWORD_MISMATCH, "", 60_000_000))
                .contains("(VI_1) received an invalid passwd! [59 more since the last report]");
    }

    @Test
    void reasonsAreLimitedSeparatelyAndValuesFillKeepalivedsTemplate() {
        RejectLog log = new RejectLog("VI_1", 60_000_000);
        assertThat(log.reject(RejectReason.BAD_TTL, "64", 0)).contains("(VI_1) invalid TTL/HL. Received 64 and expect 255");
        assertThat(log.reject(RejectReason.VERSION_MISMATCH, "3 2", 1)).contains("(VI_1) wrong version. Received 3 and expect 2");
        assertThat(log.reject(RejectReason.BAD_TTL, "64", 2)).isEmpty();
        assertThat(log.reject(RejectReason.ADVERT_INTERVAL_MISMATCH, "2 1", 3))
                .contains("(VI_1) advertisement interval mismatch mine=2 sec rcv'd=1 sec");
    }
}
