package io.keepalived4j.config.model;

import io.keepalived4j.config.Position;

/**
 * A {@code vrrp_track_process}: whether enough copies of a process run.
 *
 * @param name        the name instances refer to
 * @param process     the command (comm, or full command line with {@code full_command})
 * @param paramMatch  initial|partial, empty for exact
 * @param weight      -254..254; 0 means FAULT when the quorum is not met
 * @param reverse     weight applies in reverse
 * @param quorum      minimum number of processes (1)
 * @param quorumMax   maximum number of processes (0 = unlimited)
 * @param fullCommand match the whole command line
 * @param position    where it is defined
 */
public record TrackProcess(String name, String process, String paramMatch, int weight, boolean reverse, int quorum,
                           int quorumMax, boolean fullCommand, Position position) {
}
