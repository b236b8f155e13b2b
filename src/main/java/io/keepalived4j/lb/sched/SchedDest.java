package io.keepalived4j.lb.sched;

/** What a scheduler sees of one destination (IPVS's struct ip_vs_dest). The data plane implements it; values may change between calls. */
public interface SchedDest {
    java.net.InetAddress address();

    int port();

    int weight();

    int activeConns();

    int inactiveConns();

    boolean overloaded();
}
