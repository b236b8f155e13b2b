package io.keepalived4j.vrrp.engine;

/**
 * The current result of one tracker of an instance (features.md section 6), as the effective
 * priority needs it.
 */
public sealed interface TrackerStatus {

    /**
     * A tracker that is up or down: vrrp_script, track_interface, vrrp_track_process.
     *
     * @param name    for log lines
     * @param up      script succeeded / interface up / process quorum met
     * @param weight  0: down means FAULT; &gt; 0: added while up; &lt; 0: subtracted while down
     * @param reverse the weight applies the other way round
     */
    record UpDown(String name, boolean up, int weight, boolean reverse) implements TrackerStatus {
    }

    /**
     * A track_file: the number in the file times the weight.
     *
     * @param name    for log lines
     * @param value   the number read from the file
     * @param weight  0: any non-zero value means FAULT
     * @param reverse the product is subtracted instead of added
     */
    record FileValue(String name, long value, long weight, boolean reverse) implements TrackerStatus {
    }
}
