package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An AF_PACKET socket that only sends whole Ethernet frames out of one interface, as keepalived's
 * GARP and NA sockets do. Opened with protocol 0 so the kernel queues no received frames for it
 * (a socket opened with ETH_P_ARP would collect every ARP frame and nobody would read them); the
 * EtherType of each frame goes in the {@code sockaddr_ll} of {@code sendto} instead.
 */
final class PacketSocket implements AutoCloseable {

    private static final int MAX_FRAME = 128;

    private final String interfaceName;
    private final int ifindex;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = Libc.newCallState(arena);
    private final MemorySegment frame = arena.allocate(MAX_FRAME, 8);
    private final MemorySegment address = arena.allocate(SockAddrs.LL_SIZE, 8);
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    PacketSocket(String interfaceName) throws NativeException {
        this.interfaceName = interfaceName;
        this.ifindex = NetworkInterfaces.index(interfaceName);
        this.fd = Sockets.open(Libc.AF_PACKET, Libc.SOCK_RAW, 0, "socket(AF_PACKET, SOCK_RAW, 0)");
    }

    int ifindex() {
        return ifindex;
    }

    void send(byte[] bytes, int etherType) throws IOException {
        if (bytes.length < 14 || bytes.length > MAX_FRAME) {
            throw new IllegalArgumentException("frame of " + bytes.length + " bytes");
        }
        lock.lock();
        try {
            if (closed) {
                throw new IOException("packet socket on " + interfaceName + " is closed");
            }
            MemorySegment.copy(bytes, 0, frame, JAVA_BYTE, 0, bytes.length);
            byte[] destination = java.util.Arrays.copyOf(bytes, 6);
            SockAddrs.writeLinkLayer(address, ifindex, etherType, destination);
            long n = (long) Libc.SENDTO.invokeExact(errno, fd, frame, (long) bytes.length, 0, address,
                    SockAddrs.LL_SIZE);
            if (n < 0) {
                throw NativeException.ofSocketCall("sendto(" + interfaceName + ", AF_PACKET)", Libc.errno(errno));
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                Sockets.close(fd);
                arena.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
