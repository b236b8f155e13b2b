package io.keepalived4j.api;

/**
 * One tracker of an instance and its current result.
 *
 * @param kind    script, interface, file or process
 * @param name    the tracked object
 * @param up      for an up/down tracker, its result; for a file, whether the value is 0
 * @param value   a tracked file's number (0 for the others)
 * @param weight  its weight (0: down means FAULT)
 * @param reverse the weight applies the other way round
 * @param command a script's command line in keepalived's quoting ("'/usr/bin/true'"), empty for the others
 */
public record TrackerView(String kind, String name, boolean up, long value, long weight, boolean reverse,
                          java.util.Optional<String> command) {

    /** A tracker that is not a script. */
    public TrackerView(String kind, String name, boolean up, long value, long weight, boolean reverse) {
        this(kind, name, up, value, weight, reverse, java.util.Optional.empty());
    }

    public static final String SCRIPT = "script";
    public static final String INTERFACE = "interface";
    public static final String FILE = "file";
    public static final String PROCESS = "process";
}
