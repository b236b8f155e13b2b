package io.keepalived4j.lb.ipvs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether this kernel has IPVS: {@code /proc/net/ip_vs} exists once the ip_vs module is loaded.
 * As keepalived does at start, a missing module is loaded with {@code modprobe ip_vs} first
 * (bounded: a hung modprobe costs at most a few seconds, not the daemon's start).
 */
public final class IpvsAvailability {

    static final Path PROC = Path.of("/proc/net/ip_vs");
    private static final List<Path> MODPROBE = List.of(Path.of("/sbin/modprobe"), Path.of("/usr/sbin/modprobe"));

    private IpvsAvailability() {
    }

    /** Empty when IPVS can be used, else why not. */
    public static Optional<String> missing() {
        if (Files.exists(PROC)) {
            return Optional.empty();
        }
        Optional<Path> modprobe = MODPROBE.stream().filter(Files::isExecutable).findFirst();
        if (modprobe.isPresent()) {
            try {
                Process p = new ProcessBuilder(modprobe.get().toString(), "ip_vs")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (java.io.IOException e) {
                // reported below as the module being absent
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (Files.exists(PROC)) {
                return Optional.empty();
            }
        }
        return Optional.of("this kernel has no IPVS (" + PROC + " is missing"
                + (modprobe.isPresent() ? " and modprobe ip_vs did not load it)" : "; no modprobe to load ip_vs)"));
    }
}
