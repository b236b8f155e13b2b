package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;

/**
 * A syslog client that writes what glibc's syslog(3) writes, an RFC 3164 line
 * {@code <PRI>Mmm dd hh:mm:ss IDENT[PID]: message}, to the local syslog daemon's unix datagram
 * socket (/dev/log), without linking glibc's syslog: that one blocks when the daemon is slow
 * (a full socket queue) and a VRRP daemon must never stall its adverts for a log line. Every
 * send is {@code MSG_DONTWAIT}; a line that cannot go (no /dev/log, queue full, syslogd gone)
 * is counted in {@link #dropped()} and forgotten, as keepalived loses them with journald down.
 * The socket is not connected, so a restarted syslogd is found again on the next line.
 *
 * <pre>{@code
 * try (Syslog log = Syslog.open("Keepalived_vrrp", Syslog.LOG_DAEMON)) {
 *     log.send(Syslog.Severity.INFO, "(VI_1) Entering MASTER STATE");
 * }
 * }</pre>
 */
public final class Syslog implements AutoCloseable {

    /** syslog.h facility codes (already shifted right by 3): LOG_USER, LOG_DAEMON, LOG_LOCAL0. */
    public static final int LOG_USER = 1;
    public static final int LOG_DAEMON = 3;
    public static final int LOG_LOCAL0 = 16;

    /** RFC 3164 section 4.1.1 severities, numbered as in syslog.h. */
    public enum Severity { EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG }

    public static final Path DEV_LOG = Path.of("/dev/log");

    private static final int AF_UNIX = Libc.AF_UNIX;
    private static final int SOCK_DGRAM = Libc.SOCK_DGRAM;
    private static final int SOCK_CLOEXEC = Libc.SOCK_CLOEXEC;
    private static final int MSG_DONTWAIT = Libc.MSG_DONTWAIT;
    private static final int MSG_NOSIGNAL = Libc.MSG_NOSIGNAL;
    /** struct sockaddr_un: sa_family_t sun_family; char sun_path[108]. */
    private static final int SOCKADDR_UN_SIZE = 110;
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private final String ident;
    private final int facility;
    private final long pid;
    private final Clock clock;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment address;
    private final MemorySegment callState;
    private int fd;
    private long sent;
    private long dropped;
    private int lastErrno;

    /**
     * A client for the syslog socket at {@code socketPath} (tests bind their own receiver).
     *
     * @param facility a facility code such as {@link #LOG_DAEMON} or {@code LOG_LOCAL0 + n}
     */
    public Syslog(Path socketPath, String ident, int facility, long pid, Clock clock) {
        byte[] path = socketPath.toString().getBytes(StandardCharsets.UTF_8);
        if (path.length >= SOCKADDR_UN_SIZE - 2) {
            throw new IllegalArgumentException("unix socket path longer than 107 bytes: " + socketPath);
        }
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("syslog facility must be 0..23, got " + facility);
        }
        this.ident = ident;
        this.facility = facility;
        this.pid = pid;
        this.clock = clock;
        this.address = arena.allocate(SOCKADDR_UN_SIZE);
        address.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(path, 0, address, JAVA_BYTE, 2, path.length);
        this.callState = Libc.newCallState(arena);
        try {
            fd = (int) Libc.SOCKET.invokeExact(callState, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        } catch (Throwable t) {
            throw new IllegalStateException("socket(AF_UNIX) call failed", t);
        }
        if (fd < 0) {
            // Out of descriptors at startup: keep running and count every line as dropped.
            lastErrno = Libc.errno(callState);
        }
    }

    /** A client for /dev/log as this process, timestamps in the system time zone. */
    public static Syslog open(String ident, int facility) {
        return new Syslog(DEV_LOG, ident, facility, ProcessHandle.current().pid(), Clock.systemDefaultZone());
    }

    /** Sends one line; returns false (and counts a drop) when it could not be sent right now. */
    public boolean send(Severity severity, String message) {
        return send(ident, severity, message);
    }

    /**
     * Sends one line under another ident than the process's (keepalived's checker lines go out as
     * {@code Keepalived_healthcheckers}, its VRRP lines as {@code Keepalived_vrrp}).
     */
    public synchronized boolean send(String ident, Severity severity, String message) {
        byte[] line = format(facility, severity, ident, pid, ZonedDateTime.now(clock), message)
                .getBytes(StandardCharsets.UTF_8);
        if (fd < 0) {
            dropped++;
            return false;
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buf = call.allocateFrom(JAVA_BYTE, line);
            long n = (long) Libc.SENDTO.invokeExact(callState, fd, buf, (long) line.length,
                    MSG_DONTWAIT | MSG_NOSIGNAL, address, SOCKADDR_UN_SIZE);
            if (n < 0) {
                lastErrno = Libc.errno(callState);
                dropped++;
                return false;
            }
        } catch (Throwable t) {
            throw new IllegalStateException("sendto call failed", t);
        }
        sent++;
        return true;
    }

    /**
     * The datagram glibc's syslog(3) would send for this call (no hostname on the local socket).
     * The day is space padded ({@code "Dec  1"}) and the month English whatever the locale.
     */
    public static String format(int facility, Severity severity, String ident, long pid, ZonedDateTime time, String message) {
        int pri = facility * 8 + severity.ordinal();
        // "<%d>%s %2d %02d:%02d:%02d %s[%d]: %s" by hand: String.format parses its pattern on every line.
        StringBuilder b = new StringBuilder(32 + ident.length() + message.length());
        b.append('<').append(pri).append('>').append(MONTHS[time.getMonthValue() - 1]).append(' ');
        int day = time.getDayOfMonth();
        b.append(day < 10 ? " " : "").append(day).append(' ');
        twoDigits(b, time.getHour()).append(':');
        twoDigits(b, time.getMinute()).append(':');
        twoDigits(b, time.getSecond()).append(' ');
        return b.append(ident).append('[').append(pid).append("]: ").append(message).toString();
    }

    private static StringBuilder twoDigits(StringBuilder b, int n) {
        return b.append(n < 10 ? "0" : "").append(n);
    }

    public synchronized long sent() {
        return sent;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** errno of the last failed send (ENOENT: no syslogd, EAGAIN: its queue was full), or 0. */
    public synchronized int lastErrno() {
        return lastErrno;
    }

    @Override
    public synchronized void close() {
        if (!arena.scope().isAlive()) {
            return;
        }
        try {
            if (fd >= 0) {
                int ignored = (int) Libc.CLOSE.invokeExact(callState, fd);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("close call failed", t);
        } finally {
            fd = -1;
            arena.close();
        }
    }

}
