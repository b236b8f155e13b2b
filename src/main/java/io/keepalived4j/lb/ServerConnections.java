package io.keepalived4j.lb;

/**
 * Connections through one real server of one virtual server, as the data plane counts them
 * (ipvsadm's ActiveConn and InActConn; the userspace proxy has no inactive ones).
 *
 * @param active   connections open now
 * @param inactive IPVS's connections in a closing state
 */
public record ServerConnections(long active, long inactive) {

    /** The key {@link DataPlane#connections()} uses: the virtual server's text and "[address]:port". */
    public static String key(String virtualServer, String addressPort) {
        return virtualServer + " " + addressPort;
    }
}
