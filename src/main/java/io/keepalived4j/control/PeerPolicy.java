package io.keepalived4j.control;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;

/**
 * Who may use the control channel: root only. The socket file's mode 0600 is the first guard; this
 * is the second, for when the mode was loosened (by hand, or a directory with other rules): the
 * kernel's SO_PEERCRED says which user connected, whatever the file allows.
 */
public final class PeerPolicy {

    private final UserPrincipal allowed;

    private PeerPolicy(UserPrincipal allowed) {
        this.allowed = allowed;
    }

    /** Only uid 0 (the JDK's Unix principals compare by uid, not by name). */
    public static PeerPolicy rootOnly() {
        try {
            return new PeerPolicy(FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("root"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot look up the root user", e);
        }
    }

    /** Only {@code user} (tests that do not run as root let themselves in). */
    static PeerPolicy only(UserPrincipal user) {
        return new PeerPolicy(user);
    }

    /**
     * The peer's user, or empty when it is allowed.
     *
     * @return why the peer is refused (its user's name), or empty
     */
    Optional<String> refusal(SocketChannel peer) throws IOException {
        UnixDomainPrincipal who = peer.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (who.user().equals(allowed)) {
            return Optional.empty();
        }
        return Optional.of("user " + who.user().getName() + " (only root may use the control channel)");
    }

    /** The name of the peer's user, for log lines. */
    static String user(SocketChannel peer) {
        try {
            return peer.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
