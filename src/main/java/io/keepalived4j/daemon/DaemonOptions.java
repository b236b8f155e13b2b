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
 * @param refusedScripts where the scripts are configured that the host checks disabled (not found,
 *                       unsafe with enable_script_security, unknown user): never run
 */
public record DaemonOptions(Path configFile, LogOptions log, Path pidFile, Path vrrpPidFile, boolean ignoreSigint,
                            String version, List<String> argv, java.util.Set<io.keepalived4j.config.Position> refusedScripts) {

    public DaemonOptions {
        argv = List.copyOf(argv);
        refusedScripts = java.util.Set.copyOf(refusedScripts);
    }
}
