package io.keepalived4j.daemon;

import java.nio.file.Path;
import java.util.List;

/**
 * How the daemon runs, from keepalived's command-line flags.
 *
 * @param configFile   -f
 * @param log          -l -D -S -G
 * @param pidFile      -p, null for keepalived's default
 * @param vrrpPidFile  -r, null for the default
 * @param ignoreSigint --ignore-sigint
 * @param version      for the banner
 * @param argv         the command line, for the banner
 * @param settings     what the daemon does beyond the configuration (scripts the host checks
 *                     disabled, the ARP split-brain watch)
 * @param notRun       the configuration's keywords this release parses but does not run, one line
 *                     each with its location, for the log at start-up
 * @param checkersPidFile -c, null for the default
 * @param subsystems   -P / -C
 * @param dataPlane    --data-plane
 * @param proxy        --proxy-*: how the userspace proxy treats connections
 * @param statusAddress --status-address: where the status endpoint listens, null for none
 * @param load         -i / --all-config: how the file was read, so that a reload (SIGHUP) reads it the same way
 */
public record DaemonOptions(Path configFile, LogOptions log, Path pidFile, Path vrrpPidFile, boolean ignoreSigint,
                            String version, List<String> argv, DaemonSettings settings, List<String> notRun,
                            Path checkersPidFile, Subsystems subsystems,
                            io.keepalived4j.lb.DataPlaneChoice dataPlane, io.keepalived4j.lb.proxy.ProxySettings proxy,
                            java.net.InetSocketAddress statusAddress, io.keepalived4j.config.LoadOptions load) {

    public DaemonOptions {
        argv = List.copyOf(argv);
        notRun = List.copyOf(notRun);
    }

    /** Without a status endpoint. */
    public DaemonOptions(Path configFile, LogOptions log, Path pidFile, Path vrrpPidFile, boolean ignoreSigint,
                         String version, List<String> argv, DaemonSettings settings, List<String> notRun,
                         Path checkersPidFile, Subsystems subsystems,
                         io.keepalived4j.lb.DataPlaneChoice dataPlane, io.keepalived4j.lb.proxy.ProxySettings proxy) {
        this(configFile, log, pidFile, vrrpPidFile, ignoreSigint, version, argv, settings, notRun, checkersPidFile,
                subsystems, dataPlane, proxy, null, io.keepalived4j.config.LoadOptions.defaults());
    }

    /** VRRP only, with the default checker pid file and no data plane (the VRRP tests' daemons). */
    public DaemonOptions(Path configFile, LogOptions log, Path pidFile, Path vrrpPidFile, boolean ignoreSigint,
                         String version, List<String> argv, DaemonSettings settings, List<String> notRun) {
        this(configFile, log, pidFile, vrrpPidFile, ignoreSigint, version, argv, settings, notRun, null,
                Subsystems.ALL, io.keepalived4j.lb.DataPlaneChoice.AUTO, io.keepalived4j.lb.proxy.ProxySettings.defaults(),
                null, io.keepalived4j.config.LoadOptions.defaults());
    }
}
