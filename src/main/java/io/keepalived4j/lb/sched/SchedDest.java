package io.keepalived4j.lb.sched;

import java.net.InetAddress;

/**
 * What a scheduler sees of one destination (IPVS's {@code struct ip_vs_dest}). The data plane
 * implements it; the values may change between calls, and the schedulers read them live when they
 * pick, as the kernel reads its atomics.
 *
 * <p>A destination is identified by {@link #address()} and {@link #port()}, as the kernel identifies
 * one within a service: two objects with the same address and port are the same destination (the
 * kernel revives a removed destination from its trash when it is added again).
 */
public interface SchedDest {

    InetAddress address();

    int port();

    /** Current weight; 0 = quiesced (no new connections). */
    int weight();

    /** IPVS activeconns. */
    int activeConns();

    /** IPVS inactconns (the userspace proxy always reports 0). */
    int inactiveConns();

    /** IP_VS_DEST_F_OVERLOAD (uthreshold reached / not yet under lthreshold). */
    boolean overloaded();
}
