package io.keepalived4j.cli;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.check.ConfigTest;
import io.keepalived4j.config.check.HostEnvironment;
import io.keepalived4j.config.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** keepalived's command line, flag for flag (ops.md), plus subcommands keepalived lacks. */
@Command(name = "keepalived4j",
        description = "keepalived, rebuilt in Java: VRRP failover, health checks, load balancing.",
        subcommands = {CheckCommand.class, SimulateCommand.class, DemoCommand.class, GenhashCommand.class, LvsCommand.class,
                CtlCommand.class, RealServerCommand.class, StatusCommand.class},
        sortOptions = false)
public final class KeepalivedCommand implements Callable<Integer> {

    static final String DEFAULT_CONFIG = "/etc/keepalived/keepalived.conf";
    static final String VERSION = "keepalived4j 0.1.0 (keepalived 2.2.7 compatible configuration)";

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "Use the specified configuration file (default " + DEFAULT_CONFIG + ")")
    Path file = Path.of(DEFAULT_CONFIG);

    @Option(names = {"-P", "--vrrp"}, description = "Only run with VRRP subsystem")
    boolean vrrpOnly;

    @Option(names = {"-C", "--check"}, description = "Only run with Health-checker subsystem")
    boolean checkOnly;

    @Option(names = {"-l", "--log-console"}, description = "Log messages to local console")
    boolean logConsole;

    @Option(names = {"-D", "--log-detail"}, description = "Detailed log messages")
    boolean logDetail;

    @Option(names = {"-S", "--log-facility"}, paramLabel = "[0-7]", description = "Set syslog facility to LOG_LOCAL[0-7]")
    Integer logFacility;

    @Option(names = {"-G", "--no-syslog"}, description = "Don't log via syslog")
    boolean noSyslog;

    @Option(names = {"-n", "--dont-fork"}, description = "Don't fork the daemon process (keepalived4j always runs in the foreground)")
    boolean dontFork;

    @Option(names = {"-d", "--dump-conf"}, description = "Dump the configuration data (as JSON)")
    boolean dumpConf;

    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Use specified pidfile for parent process")
    Path pidFile;

    @Option(names = {"-r", "--vrrp_pid"}, paramLabel = "FILE", description = "Use specified pidfile for VRRP child process")
    Path vrrpPidFile;

    @Option(names = {"-c", "--checkers_pid"}, paramLabel = "FILE", description = "Use specified pidfile for checkers child process")
    Path checkersPidFile;

    @Option(names = {"-t", "--config-test"}, arity = "0..1", fallbackValue = "-", paramLabel = "LOG_FILE",
            description = "Check the configuration for obvious errors; output to stderr by default")
    String configTest;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Skip any configuration lines beginning '@' that don't match id")
    String configId;

    @Option(names = {"-e", "--all-config"}, description = "Error if any configuration file is missing (same as include_check)")
    boolean allConfig;

    @Option(names = "--ignore-sigint", description = "Ignore SIGINT (as keepalived's --ignore-sigint)")
    boolean ignoreSigint;

    @Option(names = "--strict", description = "Treat warnings as errors (keepalived4j extension)")
    boolean strict;

    @Option(names = "--no-arp-watch", description = "Do not watch ARP for our VIPs answered by another MAC "
            + "(keepalived4j's split-brain check; implies --no-arp-probe)")
    boolean noArpWatch;

    @Option(names = "--no-arp-probe", description = "Keep the passive ARP watch but send no ARP probe for the VIPs "
            + "every 10 s while MASTER")
    boolean noArpProbe;

    @Option(names = "--control-socket", paramLabel = "PATH|none", description = "The runtime control channel's Unix "
            + "socket, root only (keepalived4j ctl; keepalived4j extension; default " + CtlCommand.DEFAULT_SOCKET
            + "; none: no control channel)")
    String controlSocket = CtlCommand.DEFAULT_SOCKET;

    @Option(names = "--data-plane", paramLabel = "auto|ipvs|proxy|none", converter = DataPlaneConverter.class,
            description = "What forwards traffic to the servers the checkers keep: auto (IPVS where the kernel has it, "
                    + "else the userspace proxy), ipvs, proxy, or none (checkers only). This release has no IPVS "
                    + "back end yet: auto runs the proxy (keepalived4j extension; default auto)")
    io.keepalived4j.lb.DataPlaneChoice dataPlane = io.keepalived4j.lb.DataPlaneChoice.AUTO;

    @Option(names = "--proxy-connect-timeout", paramLabel = "SECONDS", description = "Userspace proxy: a real server "
            + "that has not accepted a connection within this is failed over to the next (default 5)")
    double proxyConnectTimeout = 5;

    @Option(names = "--proxy-retries", paramLabel = "N", description = "Userspace proxy: other real servers a "
            + "connection tries after a failed connect, before any byte went through (default 2)")
    int proxyRetries = 2;

    @Option(names = "--proxy-idle-timeout", paramLabel = "SECONDS", description = "Userspace proxy: a TCP connection "
            + "idle both ways this long is closed (default: lvs_timeouts tcp, else 900 as IPVS)")
    Double proxyIdleTimeout;

    @Option(names = "--proxy-udp-timeout", paramLabel = "SECONDS", description = "Userspace proxy: a UDP flow idle "
            + "this long is forgotten (default: lvs_timeouts udp, else 300 as IPVS)")
    Double proxyUdpTimeout;

    @Option(names = "--proxy-protocol", paramLabel = "none|v1|v2", description = "Userspace proxy: send real servers "
            + "a PROXY protocol header with the client's address (default none)")
    String proxyProtocol = "none";

    @Option(names = "--proxy-max-connections", paramLabel = "N", description = "Userspace proxy: client connections "
            + "held at once; more are refused and counted (default: what the open-file limit allows)")
    Integer proxyMaxConnections;

    @Option(names = "--proxy-threads", paramLabel = "N", description = "Userspace proxy: event-loop threads "
            + "(default: one per CPU)")
    int proxyThreads;

    @Option(names = "--status-address", paramLabel = "[HOST:]PORT", converter = StatusAddressConverter.class,
            description = "Serve status (JSON at /status, Prometheus at /metrics) on this address; off unless given. "
                    + "A bare port listens on 127.0.0.1 (keepalived4j extension)")
    java.net.InetSocketAddress statusAddress;

    @Option(names = "--signum", paramLabel = "SIGFUNC", description = "Print the signal number for STOP, RELOAD, DATA, "
            + "STATS or JSON and exit (JSON: SIGURG, keepalived4j's stand-in for SIGRTMIN+2)")
    String signum;

    @Option(names = {"-v", "--version"}, description = "Display the version number")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help message")
    boolean help;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (version) {
            out.println(VERSION);
            return 0;
        }
        if (signum != null) {
            // keepalived: the number alone on stdout, or "Unknown sigfunc NAME" and exit 1.
            java.util.OptionalInt n = io.keepalived4j.daemon.SignalNumbers.of(signum);
            if (n.isEmpty()) {
                err.println("Unknown sigfunc " + signum);
                return 1;
            }
            out.println(n.getAsInt());
            return 0;
        }
        LoadOptions options = LoadOptions.withConfigId(configId).withAllConfig(allConfig);
        if (configTest != null) {
            return configTest(options, err);
        }
        // The daemon checks the host as -t does (interfaces, scripts and their security), and never
        // runs a script those checks disable.
        LoadResult r = dumpConf ? ConfigLoader.load(file, options) : ConfigTest.run(file, options, HostEnvironment.system());
        if (dumpConf) {
            out.println(JsonWriter.write(r.model()));
        }
        DiagnosticsPrinter.print(r.diagnostics(), err, strict);
        int status = DiagnosticsPrinter.exitCode(r.diagnostics(), strict);
        if (dumpConf) {
            return status;
        }
        if (r.model() == null) {
            err.println("keepalived4j: the configuration cannot be used (see above); nothing started.");
            return 1;
        }
        err.flush();
        return io.keepalived4j.daemon.DaemonRunner.run(r.model(), new io.keepalived4j.daemon.DaemonOptions(file,
                io.keepalived4j.daemon.LogOptions.fromFlags(logConsole, logDetail, logFacility, noSyslog), pidFile,
                vrrpPidFile, ignoreSigint, VERSION.split(" ")[1], argv(),
                new io.keepalived4j.daemon.DaemonSettings(io.keepalived4j.config.check.RefusedScripts.of(r.diagnostics()), !noArpWatch, !noArpWatch && !noArpProbe)
                        .withControlSocket(controlSocket.equals("none") ? java.util.Optional.empty()
                                : java.util.Optional.of(Path.of(controlSocket))),
                notRun(r), checkersPidFile, io.keepalived4j.daemon.Subsystems.fromFlags(vrrpOnly, checkOnly), dataPlane,
                proxySettings(r.model().global().other().getOrDefault("lvs_timeouts", java.util.List.of())),
                statusAddress, options));
    }

    /** {@code lvs_timeouts tcp N tcpfin N udp N}: the value after {@code option}, if given and valid. */
    private static java.util.OptionalDouble lvsTimeout(java.util.List<String> args, String option) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(option)) {
                try {
                    long v = Long.parseLong(args.get(i + 1));
                    return v > 0 ? java.util.OptionalDouble.of(v) : java.util.OptionalDouble.empty();
                } catch (NumberFormatException e) {
                    return java.util.OptionalDouble.empty();
                }
            }
        }
        return java.util.OptionalDouble.empty();
    }

    private io.keepalived4j.lb.proxy.ProxySettings proxySettings(java.util.List<String> lvsTimeouts) {
        double tcpIdle = proxyIdleTimeout != null ? proxyIdleTimeout : lvsTimeout(lvsTimeouts, "tcp").orElse(900);
        double udpIdle = proxyUdpTimeout != null ? proxyUdpTimeout : lvsTimeout(lvsTimeouts, "udp").orElse(300);
        io.keepalived4j.lb.proxy.ProxySettings d = io.keepalived4j.lb.proxy.ProxySettings.defaults();
        io.keepalived4j.lb.proxy.ProxyProtocol pp = io.keepalived4j.lb.proxy.ProxyProtocol.parse(proxyProtocol)
                .orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--proxy-protocol: '" + proxyProtocol + "' is not one of none, v1, v2"));
        try {
            return d.withConnectTimeout(seconds(proxyConnectTimeout)).withRetries(proxyRetries)
                    .withIdleTimeouts(seconds(tcpIdle), seconds(udpIdle)).withProxyProtocol(pp)
                    .withLimits(proxyMaxConnections == null ? d.maxConnections() : proxyMaxConnections, d.maxUdpFlows())
                    .withIoThreads(proxyThreads);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--proxy-*: " + e.getMessage());
        }
    }

    private static java.time.Duration seconds(double s) {
        return java.time.Duration.ofMillis(Math.round(s * 1000));
    }

    /** {@code --data-plane} values, case-insensitive, with the accepted ones in the error. */
    static final class DataPlaneConverter implements picocli.CommandLine.ITypeConverter<io.keepalived4j.lb.DataPlaneChoice> {
        @Override
        public io.keepalived4j.lb.DataPlaneChoice convert(String value) {
            return io.keepalived4j.lb.DataPlaneChoice.parse(value).orElseThrow(() ->
                    new picocli.CommandLine.TypeConversionException("'" + value + "' is not one of auto, ipvs, proxy, none"));
        }
    }

    /** {@code --status-address} values: PORT (on 127.0.0.1), HOST:PORT or [IPv6]:PORT. */
    static final class StatusAddressConverter implements picocli.CommandLine.ITypeConverter<java.net.InetSocketAddress> {
        @Override
        public java.net.InetSocketAddress convert(String value) {
            return StatusAddress.parse(value).orElseThrow(() -> new picocli.CommandLine.TypeConversionException(
                    "'" + value + "' is not PORT, HOST:PORT or [IPv6]:PORT"));
        }
    }

    /**
     * The keywords this release parses but does not run, as log lines; with -P the health-checker
     * side was not asked for, so its blocks are not mentioned.
     */
    private List<String> notRun(LoadResult r) {
        return r.diagnostics().all().stream()
                .filter(d -> d.code().equals(io.keepalived4j.config.schema.SchemaChecker.NOT_RUN))
                .filter(d -> !(vrrpOnly || dataPlane.likelyIpvs())
                        || !d.message().contains(io.keepalived4j.config.schema.KeywordSupport.LVS_NOTE))
                .sorted(java.util.Comparator.comparing((io.keepalived4j.config.Diagnostic d) -> d.position().file())
                        .thenComparingInt(d -> d.position().line()))
                .map(d -> d.position() + ": " + d.message()).toList();
    }

    /** The command line as keepalived's banner shows it: program name first. */
    private List<String> argv() {
        List<String> argv = new java.util.ArrayList<>(List.of("keepalived4j"));
        argv.addAll(spec.commandLine().getParseResult().originalArgs());
        return argv;
    }

    private int configTest(LoadOptions options, PrintWriter err) throws IOException {
        LoadResult r = ConfigTest.run(file, options, HostEnvironment.system());
        if (configTest.equals("-")) {
            DiagnosticsPrinter.print(r.diagnostics(), err, strict);
        } else {
            try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(Path.of(configTest)))) {
                DiagnosticsPrinter.print(r.diagnostics(), log, strict);
            }
        }
        if (dumpConf && r.model() != null) {
            spec.commandLine().getOut().println(JsonWriter.write(r.model()));
        }
        return DiagnosticsPrinter.exitCode(r.diagnostics(), strict);
    }
}
