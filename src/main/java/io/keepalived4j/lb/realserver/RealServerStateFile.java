package io.keepalived4j.lb.realserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@link RealServerState} in a file ({@link #DEFAULT}: under /run, so a reboot, which also forgets
 * the VIP and the sysctls, forgets it too). Written whole to a temporary file and renamed over,
 * so a crash leaves the old state or the new one, never half of one; an empty state removes it.
 */
public record RealServerStateFile(Path path) implements RealServerSetup.StateStore {

    public static final Path DEFAULT = Path.of("/run/keepalived4j/realserver.state");

    /** The saved state, empty when there is no file. */
    public RealServerState load() throws IOException {
        if (!Files.exists(path)) {
            return RealServerState.empty();
        }
        try {
            return RealServerState.parse(Files.readString(path));
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(RealServerState state) throws IOException {
        if (state.isEmpty()) {
            Files.deleteIfExists(path);
            return;
        }
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".realserver-", ".tmp");
        try {
            Files.writeString(tmp, state.format());
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
