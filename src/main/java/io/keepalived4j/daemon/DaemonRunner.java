package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Runs the VRRP daemon in the foreground until SIGTERM or SIGINT, which stop it gracefully
 * (priority-0 adverts, VIPs removed) before the process exits.
 */
public final class DaemonRunner {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private DaemonRunner() {
    }

    /** @return the process exit status */
    public static int run(KeepalivedConfig config) {
        VrrpDaemon daemon;
        try {
            daemon = VrrpDaemon.start(config);
        } catch (IOException e) {
            LOG.error("cannot start VRRP: {}", e.getMessage());
            return 1;
        }
        // The JVM runs shutdown hooks on SIGTERM and SIGINT: the orderly stop happens there.
        Thread hook = Thread.ofPlatform().name("k4j-stop").unstarted(daemon::stop);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            daemon.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            daemon.stop();
        }
        return 0;
    }
}
