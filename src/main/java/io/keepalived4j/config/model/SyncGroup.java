package io.keepalived4j.config.model;

import io.keepalived4j.config.Position;

import java.util.List;
import java.util.Map;

/**
 * A {@code vrrp_sync_group}: instances that change state together (features.md section 7).
 *
 * @param name            the group name
 * @param members         instance names that exist (unknown ones are dropped with a diagnostic)
 * @param trackInterfaces group-level track_interface
 * @param trackScripts    group-level track_script
 * @param trackFiles      group-level track_file
 * @param notifyScripts   notify scripts by event (master, backup, fault, stop, generic "notify")
 * @param smtpAlert       smtp_alert, null when not set
 * @param position        where it is defined
 */
public record SyncGroup(String name, List<String> members, List<TrackRef> trackInterfaces, List<TrackRef> trackScripts,
                        List<TrackRef> trackFiles, Map<String, Script> notifyScripts, Boolean smtpAlert,
                        Position position) {
}
