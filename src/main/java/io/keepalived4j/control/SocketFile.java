package io.keepalived4j.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The control socket's file, owned by one listener: bound under a temporary name in the same
 * directory, made 0600, then renamed into place, so it is never reachable with the umask's mode
 * (SO_PEERCRED is the second guard, see {@link PeerPolicy}). A socket file left by a crashed run is
 * replaced; one a live daemon answers on, or a file that is not a socket, is left alone and the
 * bind fails. {@link #close} removes the file only if it is still ours.
 */
final class SocketFile implements AutoCloseable {

    /** S_IFMT and S_IFSOCK of stat(2)'s st_mode. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int BACKLOG = 16;

    private final Path path;
    private final ServerSocketChannel channel;
    private final Object fileKey;

    private SocketFile(Path path, ServerSocketChannel channel, Object fileKey) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
    }

    static SocketFile bind(Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            if (!isSocket(absolute)) {
                throw new IOException(absolute + " exists and is not a socket: not replacing it");
            }
            if (answers(absolute)) {
                throw new IOException("another process listens on " + absolute);
            }
        }
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(temporary), BACKLOG);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            // rename(2) replaces a stale socket atomically: there is never a moment without one.
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Object key = Files.readAttributes(absolute, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new SocketFile(absolute, channel, key);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    ServerSocketChannel channel() {
        return channel;
    }

    private static boolean isSocket(Path p) throws IOException {
        Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return mode instanceof Integer m && (m & S_IFMT) == S_IFSOCK;
    }

    private static boolean answers(Path p) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(p));
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    /** Closes the listener and removes the file if it is still the one we bound (not a successor's). */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            try {
                Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
                if (Objects.equals(now, fileKey)) {
                    Files.delete(path);
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // already gone
            }
        }
    }
}
