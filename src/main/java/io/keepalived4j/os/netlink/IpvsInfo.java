package io.keepalived4j.os.netlink;

/**
 * IPVS_CMD_GET_INFO's answer: the IPVS version ({@code 0x010201} is 1.2.1) and the size of the
 * connection hash table. keepalived asks for it first to learn whether IPVS is there at all.
 */
public record IpvsInfo(int version, int connectionTableSize) {

    /** "1.2.1", as {@code ipvsadm -ln} prints it in its first line. */
    public String versionText() {
        return ((version >> 16) & 0xff) + "." + ((version >> 8) & 0xff) + "." + (version & 0xff);
    }
}
