package io.keepalived4j.config.check;

import java.util.Optional;

/**
 * What {@code -t} may ask about the host: interfaces, files, users. {@link SystemHost} reads the
 * real machine; tests use a fake, so the checks run without root and without a namespace.
 */
public interface HostEnvironment {

    boolean interfaceExists(String name);

    /** The file at path (symbolic links followed), or empty when it does not exist. */
    Optional<FileFacts> file(String path);

    boolean userExists(String name);

    /** A command name without '/', looked up in the PATH keepalived uses; empty when not found. */
    Optional<String> which(String command);

    /**
     * Ownership and mode of a file and of the directories above it.
     *
     * @param path             the resolved path
     * @param ownerUid         owner's uid
     * @param mode             permission bits (e.g. 0755)
     * @param executable       whether it is a regular, executable file
     * @param unsafeDirectory  a directory above it that a non-root user could write to, empty when none
     */
    record FileFacts(String path, int ownerUid, int mode, boolean executable, String unsafeDirectory) {
    }

    /** The real host. */
    static HostEnvironment system() {
        return new SystemHost();
    }
}
