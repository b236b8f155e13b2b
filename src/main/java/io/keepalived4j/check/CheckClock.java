package io.keepalived4j.check;

import java.time.Duration;

/** The checkers' time: real in the daemon, virtual in tests. */
public interface CheckClock {

    long nanoTime();

    void sleep(Duration d) throws InterruptedException;

    CheckClock SYSTEM = new CheckClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d);
        }
    };
}
