package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

import java.util.OptionalLong;

/**
 * {@code FILE_CHECK}: follows a top-level {@code track_file}. Weight 0 makes a non-zero value
 * take the server down; otherwise value * weight adjusts the server's weight.
 *
 * @param trackFile the track_file name
 * @param weight    own weight; empty means the track_file's weight
 * @param reverse   {@code weight W reverse}
 */
public record FileCheck(String trackFile, OptionalLong weight, boolean reverse, Position position)
        implements Checker {

    @Override
    public String keyword() {
        return "FILE_CHECK";
    }
}
