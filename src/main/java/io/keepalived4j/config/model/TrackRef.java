package io.keepalived4j.config.model;

import io.keepalived4j.config.Position;

/**
 * A tracker reference inside an instance or sync group ({@code track_interface}, {@code track_script},
 * {@code track_file}, {@code track_process}): the name, an optional weight override and reverse flag.
 *
 * @param name      interface, script, file or process tracker name
 * @param weight    the weight, or null to use the tracker's own (0 means FAULT when down)
 * @param reverse   whether the weight applies in reverse
 * @param position  where it was configured
 */
public record TrackRef(String name, Integer weight, boolean reverse, Position position) {
}
