package io.keepalived4j.config.model;

import io.keepalived4j.config.Position;

/**
 * A top-level {@code track_file} (alias {@code vrrp_track_file}): a number read from a file.
 *
 * @param name      the name instances refer to
 * @param file      the file watched
 * @param weight    multiplier of the value (1); 0 means a non-zero value is FAULT
 * @param reverse   weight applies in reverse
 * @param initValue value written at start by {@code init_file}, null when not set
 * @param overwrite {@code init_file ... overwrite}
 * @param position  where it is defined
 */
public record TrackFile(String name, String file, long weight, boolean reverse, Long initValue, boolean overwrite,
                        Position position) {
}
