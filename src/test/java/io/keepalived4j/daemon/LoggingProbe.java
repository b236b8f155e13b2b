package io.keepalived4j.daemon;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Child-JVM main for {@link DaemonLoggingStderrTest}: {@code -l -G} logging on the real stderr. */
public final class LoggingProbe {

    private LoggingProbe() {}

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("io.keepalived4j.daemon.Daemon");
        try (DaemonLogging ignored = DaemonLogging.configure(LogOptions.fromFlags(true, false, null, true))) {
            log.info(StartupBanner.starting("0.1.0"));
            StartupBanner.commandLine(List.of("keepalived4j", "-n", "-l", "-G")).forEach(log::info);
            log.info(StartupBanner.openingFile(Path.of("/etc/keepalived/keepalived.conf")));
            log.info(DaemonLogging.DETAIL, "only with -D");
            log.info(StartupBanner.stopped("0.1.0"));
        }
        System.out.println("DONE");
    }
}
