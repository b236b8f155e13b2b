package io.keepalived4j.api;

/**
 * keepalived.stats as keepalived 2.2.7 writes it on SIGUSR2 (vrrp_print.c {@code vrrp_print_stats()}):
 * per instance, sections of two-space-indented headings and four-space-indented counters. The
 * exporters split each line at the colon and read the number after it, so nothing else goes here;
 * keepalived4j's own counters (rejects by reason, split brain, peers) are on the status endpoint.
 */
public final class KeepalivedStatsFormat {

    private KeepalivedStatsFormat() {
    }

    public static String text(StatusSnapshot s) {
        StringBuilder b = new StringBuilder();
        for (InstanceView i : s.instances()) {
            KeepalivedCounters c = i.keepalivedCounters();
            b.append("VRRP Instance: ").append(i.name()).append('\n')
                    .append("  Advertisements:\n")
                    .append("    Received: ").append(c.advertRcvd()).append('\n')
                    .append("    Sent: ").append(c.advertSent()).append('\n')
                    .append("  Became master: ").append(c.becomeMaster()).append('\n')
                    .append("  Released master: ").append(c.releaseMaster()).append('\n')
                    .append("  Packet Errors:\n")
                    .append("    Length: ").append(c.packetLenErr()).append('\n')
                    .append("    TTL: ").append(c.ipTtlErr()).append('\n')
                    .append("    Invalid Type: ").append(c.invalidTypeRcvd()).append('\n')
                    .append("    Advertisement Interval: ").append(c.advertIntervalErr()).append('\n')
                    .append("    Address List: ").append(c.addrListErr()).append('\n')
                    .append("  Authentication Errors:\n")
                    .append("    Invalid Type: ").append(c.invalidAuthtype()).append('\n')
                    .append("    Type Mismatch: ").append(c.authtypeMismatch()).append('\n')
                    .append("    Failure: ").append(c.authFailure()).append('\n')
                    .append("  Priority Zero:\n")
                    .append("    Received: ").append(c.priZeroRcvd()).append('\n')
                    .append("    Sent: ").append(c.priZeroSent()).append('\n');
        }
        return b.toString();
    }
}
