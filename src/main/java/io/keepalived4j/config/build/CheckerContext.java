package io.keepalived4j.config.build;

import java.util.Set;

/**
 * What a checker plug-in may look at while reading its block.
 *
 * @param report        diagnostics
 * @param server        the real server being read
 * @param serverText    keepalived's FMT_RS() of that server, for BFD_CHECK's messages
 * @param trackFiles    names of the top-level track_file / vrrp_track_file blocks
 * @param bfdInstances  names of the top-level bfd_instance blocks
 */
record CheckerContext(BuildReport report, RealServerDraft server, String serverText, Set<String> trackFiles,
                      Set<String> bfdInstances) {
}
