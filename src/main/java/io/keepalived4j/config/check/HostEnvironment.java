package io.keepalived4j.config.check;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code -t} may ask about the host: interfaces, files, users. {@link SystemHost} reads the
 * real machine; tests use a fake, so the checks run without root and without a namespace.
 */
public interface HostEnvironment {

    boolean interfaceExists(String name);

    /** The file at path (symbolic links followed), or empty when it does not exist. */
    Optional<FileFacts> file(String path);

    boolean userExists(String name);

    /** A user's uid and primary gid, empty when there is no such user. */
    default Optional<UserIds> user(String name) {
        boolean root = name.equals("root");
        return userExists(name) ? Optional.of(new UserIds(root ? 0 : 65534, root ? 0 : 65534)) : Optional.empty();
    }

    /** A group's gid, empty when there is no such group. */
    default OptionalInt group(String name) {
        return name.equals("root") ? OptionalInt.of(0) : OptionalInt.of(65534);
    }

    /** Whether the interface is a loopback device (keepalived refuses it for an instance). */
    default boolean isLoopback(String name) {
        return name.equals("lo");
    }

    /** Whether the interface can send multicast (IFF_MULTICAST); one that cannot needs unicast peers. */
    default boolean supportsMulticast(String name) {
        return !isLoopback(name);
    }

    /** Whether the interface is a macvlan, as keepalived's own VMAC interfaces are. */
    default boolean isMacvlan(String name) {
        return false;
    }

    /** Whether a network namespace of that name exists (/var/run/netns/NAME, as ip netns makes it). */
    default boolean networkNamespaceExists(String name) {
        return true;
    }

    /** Whether the name resolves to an address (getaddrinfo()). */
    default boolean resolves(String name) {
        return true;
    }

    /** Online CPUs (sysconf(_SC_NPROCESSORS_ONLN)). */
    default int onlineCpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** What is at a path: nothing, a directory, or something else. */
    default PathKind pathKind(String path) {
        return PathKind.DIRECTORY;
    }

    /** What {@link #pathKind} finds. */
    enum PathKind { MISSING, DIRECTORY, OTHER }

    /**
     * @param uid a user's id
     * @param gid its primary group's id
     */
    record UserIds(int uid, int gid) {
    }

    /** A command name without '/', looked up in the PATH keepalived uses; empty when not found. */
    Optional<String> which(String command);

    /**
     * Ownership and mode of a file and of the directories above it.
     *
     * @param path             the resolved path
     * @param ownerUid         owner's uid
     * @param mode             permission bits (e.g. 0755)
     * @param executable       whether it is a regular file with an execute bit
     * @param unsafeDirectory  a directory above it that a non-root user could change (keepalived's
     *                         check_security(): not owned by root, or writable by a non-root group or
     *                         by anyone without the sticky bit), empty when none
     * @param ownerGid         owner's group id
     */
    record FileFacts(String path, int ownerUid, int mode, boolean executable, String unsafeDirectory, int ownerGid) {

        public FileFacts(String path, int ownerUid, int mode, boolean executable, String unsafeDirectory) {
            this(path, ownerUid, mode, executable, unsafeDirectory, 0);
        }

        /** keepalived's is_executable(): root needs any execute bit, others the one that applies to them. */
        public boolean executableBy(UserIds u) {
            if (!executable) {
                return false;
            }
            if (u.uid() == 0) {
                return (mode & 0111) != 0;
            }
            if (u.uid() == ownerUid) {
                return (mode & 0100) != 0;
            }
            return u.gid() == ownerGid ? (mode & 0010) != 0 : (mode & 0001) != 0;
        }

        /** The file itself could be changed by someone other than root. */
        public boolean writableByOthers() {
            return ownerUid != 0 || (ownerGid != 0 && (mode & 0020) != 0) || (mode & 0002) != 0;
        }
    }

    /** The real host. */
    static HostEnvironment system() {
        return new SystemHost();
    }
}
