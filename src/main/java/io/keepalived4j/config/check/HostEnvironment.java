package io.keepalived4j.config.check;

import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code -t} may ask about the host. The real one reads /sys; tests use a fake. */
public interface HostEnvironment {

    boolean interfaceExists(String name);

    /** The real host: interfaces from /sys/class/net. */
    static HostEnvironment system() {
        return name -> !name.isEmpty() && !name.contains("/") && Files.exists(Path.of("/sys/class/net", name));
    }
}
