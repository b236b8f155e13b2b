package io.keepalived4j.config.model.lvs;

/** A checker run every {@code delay_loop} with retries (all but FILE_CHECK and BFD_CHECK). */
public sealed interface TimedChecker extends Checker permits ConnectingChecker, MiscCheck {

    CheckerTiming timing();
}
