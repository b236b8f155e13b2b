package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.IpFamily;
import io.keepalived4j.config.model.IpText;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.syntax.Node;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The keywords every checker shares (keepalived's {@code install_checker_common_keywords()} in
 * check_api.c), read for one checker block. Connection keywords ({@code connect_ip} ...
 * {@code fwmark}) exist only for checkers that connect; MISC_CHECK has only the timing ones.
 * Null fields are "not set here" and are inherited in {@link CheckerResolver}.
 */
final class CheckerCommon {

    /** IFNAMSIZ - 1. */
    private static final int MAX_INTERFACE_NAME = 15;

    static void addConnectionKeywords(BlockSpec.Builder b) {
        b.value("connect_ip", "connect_port", "bindto", "bind_port", "bind_if", "connect_timeout", "fwmark");
    }

    static void addTimingKeywords(BlockSpec.Builder b) {
        b.value("retry", "delay_before_retry", "warmup", "delay_loop", "alpha", "log_all_failures");
    }

    private final boolean connecting;
    private final InetAddress serverAddress;
    private final BuildReport report;

    Long retry;
    Duration delayBeforeRetry;
    Duration warmup;
    Duration delayLoop;
    Boolean alpha;
    boolean logAllFailures;
    InetAddress connectIp;
    /** keepalived clears the destination's family when connect_ip is refused: bindto is then not compared. */
    boolean destinationUnset;
    Integer connectPort;
    InetAddress bindTo;
    int bindPort;
    String bindInterface;
    long fwmark;
    Duration connectTimeout;

    CheckerCommon(boolean connecting, InetAddress serverAddress, BuildReport report) {
        this.connecting = connecting;
        this.serverAddress = serverAddress;
        this.report = report;
    }

    /** A copy for a deprecated SMTP {@code host { }} block, which starts from the checker's settings. */
    CheckerCommon copy() {
        CheckerCommon c = new CheckerCommon(connecting, serverAddress, report);
        c.retry = retry;
        c.delayBeforeRetry = delayBeforeRetry;
        c.warmup = warmup;
        c.delayLoop = delayLoop;
        c.alpha = alpha;
        c.logAllFailures = logAllFailures;
        c.connectIp = connectIp;
        c.destinationUnset = destinationUnset;
        c.connectPort = connectPort;
        c.bindTo = bindTo;
        c.bindPort = bindPort;
        c.bindInterface = bindInterface;
        c.fwmark = fwmark;
        c.connectTimeout = connectTimeout;
        return c;
    }

    /** Handles {@code n} when it is a common keyword; false when the checker must handle it. */
    boolean handle(Node n) {
        return (connecting && handleConnection(n)) || handleTiming(n);
    }

    /** The schedule keywords (retry ... log_all_failures). */
    boolean handleTiming(Node n) {
        switch (n.keyword()) {
            case "retry" -> {
                if (report.require(n, 1)) {
                    report.unsigned(n, 0, KeepalivedNumbers.UINT_MAX, "Invalid retry connection value '" + n.arg(0) + "'")
                            .ifPresent(v -> retry = v);
                }
            }
            case "delay_before_retry" -> {
                if (report.require(n, 1)) {
                    report.timer(n, 0, 0, "Invalid delay_before_retry connection value '" + n.arg(0) + "'")
                            .ifPresent(v -> delayBeforeRetry = v);
                }
            }
            case "warmup" -> {
                if (report.require(n, 1)) {
                    report.timer(n, 0, 0, "Invalid warmup connection value '" + n.arg(0) + "'").ifPresent(v -> warmup = v);
                }
            }
            case "delay_loop" -> {
                if (report.require(n, 1)) {
                    report.timer(n, 1, 0, "delay_loop '" + n.arg(0) + "' is invalid - ignoring").ifPresent(v -> delayLoop = v);
                }
            }
            case "alpha" -> report.flag(n, "Invalid alpha parameter " + argOrEmpty(n)).ifPresent(v -> alpha = v);
            case "log_all_failures" -> report.flag(n, "Invalid log_all_failures parameter " + argOrEmpty(n))
                    .ifPresent(v -> logAllFailures = v);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The connection keywords (connect_ip ... fwmark). */
    boolean handleConnection(Node n) {
        switch (n.keyword()) {
            case "connect_ip" -> {
                if (report.require(n, 1)) {
                    connectIp(n);
                }
            }
            case "connect_port" -> {
                if (report.require(n, 1)) {
                    report.unsigned(n, 1, 65535, "Invalid checker connect_port '" + n.arg(0) + "'")
                            .ifPresent(v -> connectPort = (int) v);
                }
            }
            case "bindto" -> {
                if (report.require(n, 1)) {
                    bindTo(n);
                }
            }
            case "bind_port" -> {
                if (report.require(n, 1)) {
                    report.unsigned(n, 1, 65535, "Invalid checker bind_port '" + n.arg(0) + "'").ifPresent(v -> bindPort = (int) v);
                }
            }
            case "bind_if" -> {
                if (report.require(n, 1)) {
                    if (n.arg(0).length() > MAX_INTERFACE_NAME) {
                        report.error(n, "bad-value", "Interface name " + n.arg(0) + " is too long - ignoring",
                                "interface names have at most " + MAX_INTERFACE_NAME + " characters");
                    } else {
                        bindInterface = n.arg(0);
                    }
                }
            }
            case "connect_timeout" -> {
                if (report.require(n, 1)) {
                    report.timer(n, 1, KeepalivedNumbers.UINT_MAX, "connect_timeout " + n.arg(0) + " invalid - ignoring")
                            .ifPresent(v -> connectTimeout = v);
                }
            }
            case "fwmark" -> {
                if (report.require(n, 1)) {
                    report.unsigned(n, 0, KeepalivedNumbers.UINT_MAX, "Invalid fwmark connection value '" + n.arg(0) + "'")
                            .ifPresent(v -> fwmark = v);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void connectIp(Node n) {
        Optional<InetAddress> a = LvsAddresses.address(n.arg(0));
        if (a.isEmpty()) {
            report.error(n, "bad-ip", "Invalid connect_ip address " + n.arg(0) + " - ignoring", "write an IP address");
            connectIp = null;
            destinationUnset = true;
        } else if (bindTo != null && IpFamily.of(bindTo) != IpFamily.of(a.get())) {
            report.error(n, "family-mismatch", "connect_ip address " + n.arg(0)
                    + " does not match address family of bindto - skipping", "use addresses of one family");
            connectIp = null;
            destinationUnset = true;
        } else {
            connectIp = a.get();
            destinationUnset = false;
        }
    }

    private void bindTo(Node n) {
        Optional<InetAddress> a = LvsAddresses.address(n.arg(0));
        if (a.isEmpty()) {
            report.error(n, "bad-ip", "Invalid bindto address " + n.arg(0) + " - ignoring", "write an IP address");
        } else if (!destinationUnset && IpFamily.of(destination()) != IpFamily.of(a.get())) {
            report.error(n, "family-mismatch", "bindto address " + n.arg(0)
                    + " does not match address family of connect_ip - skipping", "use addresses of one family");
        } else {
            bindTo = a.get();
        }
    }

    InetAddress destination() {
        return connectIp != null ? connectIp : serverAddress;
    }

    /**
     * keepalived's check_conn_opts(): an IPv6 link-local destination needs bind_if, otherwise
     * the checker is dropped (reported at the end of the block).
     */
    boolean connectionUsable(Node block) {
        InetAddress dst = destination();
        if (!destinationUnset && dst instanceof Inet6Address && dst.isLinkLocalAddress() && bindInterface == null) {
            report.error(block, "link-local-needs-bind-if", "Checker link local address "
                    + IpText.of(dst) + " requires a bind_if", "add: bind_if INTERFACE");
            return false;
        }
        return true;
    }

    /** This block's connection settings with {@code main}'s schedule (SMTP host blocks share the checker's). */
    CheckerCommon withTimingOf(CheckerCommon main) {
        CheckerCommon c = copy();
        c.retry = main.retry;
        c.delayBeforeRetry = main.delayBeforeRetry;
        c.warmup = main.warmup;
        c.delayLoop = main.delayLoop;
        c.alpha = main.alpha;
        c.logAllFailures = main.logAllFailures;
        return c;
    }

    /** True when any connection keyword was set: SMTP then treats the checker itself as a host. */
    boolean anyConnectionSet() {
        return connectIp != null || connectPort != null || bindTo != null || bindPort != 0 || bindInterface != null
                || fwmark != 0 || connectTimeout != null;
    }

    static String argOrEmpty(Node n) {
        return n.argCount() > 0 ? n.arg(0) : "";
    }

    /** A block's statements; none when the braces are missing (the schema reports that). */
    static java.util.List<Node> children(Node block) {
        return block.children() == null ? java.util.List.of() : block.children();
    }
}
