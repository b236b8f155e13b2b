package io.keepalived4j.lb.persist;

import org.junit.jupiter.api.Test;

import static io.keepalived4j.lb.persist.Fixtures.S;
import static io.keepalived4j.lb.persist.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    @Test
    void aBurstThenTheRate() {
        TokenBucket b = new TokenBucket(10, 3);     // 100 ms a token, bursts of 3
        assertThat(b.take(T0)).isZero();
        assertThat(b.take(T0)).isZero();
        assertThat(b.take(T0)).isZero();
        assertThat(b.take(T0)).isEqualTo(S / 10);
        assertThat(b.take(T0 + S / 20)).isEqualTo(S / 20);
        assertThat(b.take(T0 + S / 10)).isZero();
        assertThat(b.take(T0 + S / 10)).isEqualTo(S / 10);
    }

    @Test
    void idleTimeRefillsOnlyUpToTheBurst() {
        TokenBucket b = new TokenBucket(10, 2);
        assertThat(b.take(T0)).isZero();
        long later = T0 + 3_600 * S;                // across the nanoTime wrap too
        assertThat(b.take(later)).isZero();
        assertThat(b.take(later)).isZero();
        assertThat(b.take(later)).isPositive();
    }
}
