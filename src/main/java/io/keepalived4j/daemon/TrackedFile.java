package io.keepalived4j.daemon;

import io.keepalived4j.config.model.TrackFile;
import io.keepalived4j.os.FileStatus;
import io.keepalived4j.os.Libc;
import io.keepalived4j.os.NativeException;
import io.keepalived4j.os.PosixFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;

/**
 * One track_file: the number at the start of the file, and keepalived's init_file.
 *
 * <p>Reading as keepalived 2.2.7 does (trackers/track_file.c): one read of at most
 * {@value #READ_LIMIT} bytes, parsed with {@code strtol(buf, NULL, 0)} (leading blanks, a sign,
 * {@code 0x} hex and {@code 0} octal prefixes, trailing junk ignored, no digits = 0); a missing,
 * empty or unreadable file is 0; a number outside the int range is "Invalid ... - ignoring" and
 * leaves the last value. Stricter than 2.2.7, because root reads a path others may control: the
 * file is opened {@code O_NOFOLLOW | O_NONBLOCK} (a symlink is refused, a FIFO never blocks the
 * tracker thread) and must be a regular file, otherwise it reads as 0; a sparse 1 GiB file costs
 * {@value #READ_LIMIT} bytes. A problem is logged when it appears, not on every poll.
 *
 * <p>init_file writes the initial value at start (only when the file is missing, unless
 * overwrite) through a new temporary file renamed over the path: a symlink planted there is
 * replaced, never written through.
 */
final class TrackedFile {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    /** keepalived reads 127 bytes into a 128-byte buffer. */
    static final int READ_LIMIT = 127;

    private final TrackFile config;
    private final Path path;
    private String lastProblem = "";

    TrackedFile(TrackFile config) {
        this.config = config;
        this.path = Path.of(config.file());
    }

    String name() {
        return config.name();
    }

    /** init_file: write the initial value before the first read. */
    void initialise() {
        if (config.initValue() == null) {
            return;
        }
        try {
            if (Files.exists(path)) {
                if (!config.overwrite()) {
                    return;
                }
                if (!Files.isRegularFile(path)) {
                    LOG.warn("Cannot initialise track file {} - it is not a regular file", path);
                    return;
                }
            }
            Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), "." + path.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, config.initValue() + "\n", StandardCharsets.US_ASCII);
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (AtomicMoveNotSupportedException e) {
            LOG.warn("Unable to initialise track file {}: cannot rename into it", path);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Unable to initialise track file {}: {}", path, e.getMessage());
        }
    }

    /** The file's value now, or empty when it holds a number keepalived ignores (keep the last value). */
    OptionalLong read() {
        byte[] head;
        try (PosixFile f = PosixFile.open(path, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_NOFOLLOW, 0)) {
            FileStatus st = f.status();
            if (st.type() != FileStatus.Type.REGULAR) {
                problem("track file " + path + " is a " + st.type().words()
                        + ", not a regular file: it counts as 0");
                return OptionalLong.of(0);
            }
            head = f.read(READ_LIMIT);
        } catch (NativeException e) {
            if (e.errno() == Libc.ENOENT) {
                problem("");
            } else {
                problem("track file " + path + " cannot be read, it counts as 0: " + e.getMessage());
            }
            return OptionalLong.of(0);
        }
        problem("");
        OptionalLong v = parse(new String(head, StandardCharsets.ISO_8859_1));
        if (v.isEmpty()) {
            LOG.info("Invalid number read from {} - ignoring", path);
        }
        return v;
    }

    private void problem(String text) {
        if (!text.equals(lastProblem)) {
            lastProblem = text;
            if (!text.isEmpty()) {
                LOG.warn(text);
            }
        }
    }

    /**
     * {@code strtol(text, NULL, 0)} with keepalived's range check: the number, 0 when there is none,
     * or empty when it lies outside [INT32_MIN, INT32_MAX + 1].
     */
    static OptionalLong parse(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && " \t\n\r\u000b\f".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && text.charAt(i) == '0' && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && text.charAt(i) == '0') {
            radix = 8;
        }
        long value = 0;
        boolean digits = false;
        while (i < n && Character.digit(text.charAt(i), radix) >= 0 && text.charAt(i) < 128) {
            value = value * radix + Character.digit(text.charAt(i), radix);
            digits = true;
            i++;
            if (value > (1L << 40)) {
                return OptionalLong.empty(); // far outside int: strtol's ERANGE or keepalived's range check
            }
        }
        if (!digits) {
            return OptionalLong.of(0);
        }
        long v = negative ? -value : value;
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE + 1L ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
