package io.keepalived4j.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's host name (uname -n), read without DNS. */
public final class HostName {

    private HostName() {
    }

    public static String get() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "localhost" : env;
        }
    }
}
