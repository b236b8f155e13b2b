package io.keepalived4j.daemon;

import io.keepalived4j.config.model.TrackFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One track_file: the number in the file (keepalived reads it with strtol: leading blanks, an
 * optional sign, digits; anything else, or a missing or unreadable file, counts as 0), and
 * keepalived's init_file, which writes the initial value at start (only when the file is missing,
 * unless overwrite).
 */
final class TrackedFile {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final TrackFile config;
    private final Path path;

    TrackedFile(TrackFile config) {
        this.config = config;
        this.path = Path.of(config.file());
    }

    String name() {
        return config.name();
    }

    /** init_file: write the initial value before the first read. */
    void initialise() {
        if (config.initValue() == null || (Files.exists(path) && !config.overwrite())) {
            return;
        }
        try {
            Files.writeString(path, config.initValue() + "\n");
        } catch (IOException e) {
            LOG.warn("track_file {}: cannot initialise {}: {}", config.name(), path, e.getMessage());
        }
    }

    long read() {
        try {
            return parse(Files.readString(path, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return 0;
        }
    }

    /** strtol's reading of the text: the longest leading number, 0 when there is none. */
    static long parse(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int digits = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - digits < 18) {
            i++;
        }
        return i == digits ? 0 : Long.parseLong(text.substring(start, i));
    }
}
