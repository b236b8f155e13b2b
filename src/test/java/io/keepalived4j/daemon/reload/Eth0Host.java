package io.keepalived4j.daemon.reload;

import io.keepalived4j.config.check.HostEnvironment;
import java.util.Optional;

/** A host with an eth0 and nothing else: the reload tests' configurations check cleanly on it. */
public final class Eth0Host implements HostEnvironment {

    @Override
    public boolean interfaceExists(String name) {
        return name.equals("eth0");
    }

    @Override
    public Optional<FileFacts> file(String path) {
        return Optional.empty();
    }

    @Override
    public boolean userExists(String name) {
        return name.equals("root");
    }

    @Override
    public Optional<String> which(String command) {
        return Optional.empty();
    }
}
