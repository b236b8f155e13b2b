package io.keepalived4j.daemon;

import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code keepalived --signum=NAME}: the signal that asks the daemon for NAME (lib/signals.c
 * {@code get_signum()}), which exporters call to learn what to send. keepalived's JSON dump
 * listens on SIGRTMIN+2, a real-time signal the JVM can neither handle nor ignore for us (its
 * default action would end the process); keepalived4j answers SIGURG instead, whose default action
 * is to be ignored, so a stray one harms no process. {@code --signum=JSON} prints SIGURG's number,
 * and whoever asks keepalived4j, as the exporter does, sends the right signal. STATS_CLEAR
 * (SIGRTMAX-1) has no stand-in and is reported as unknown.
 */
public final class SignalNumbers {

    /** The signal name the JSON dump answers to, for {@code sun.misc.Signal}. */
    public static final String JSON_STAND_IN = "URG";

    // Linux's numbers (the same on x86-64 and arm64).
    private static final Map<String, Integer> NUMBERS = Map.of("STOP", 15, "RELOAD", 1, "DATA", 10, "STATS", 12,
            "JSON", 23);

    private SignalNumbers() {
    }

    /** The signal number for keepalived's sigfunc name, empty for one keepalived4j does not answer. */
    public static OptionalInt of(String sigfunc) {
        Integer n = NUMBERS.get(sigfunc);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
