package io.keepalived4j.check;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A UDP server on a loopback address (ephemeral port) for DNS_CHECK and UDP_CHECK tests: every
 * datagram it receives is recorded and handed to a {@link Handler}, which answers with as many
 * datagrams as it likes (none, garbage, a flood). {@link #echo()} sends each datagram back.
 */
final class UdpResponder implements AutoCloseable {

    /** Answers one received datagram through {@code reply}. */
    @FunctionalInterface
    interface Handler {
        void handle(byte[] request, Reply reply) throws IOException;
    }

    /** Sends one datagram back to whoever sent the request. */
    interface Reply {
        void send(byte[] datagram) throws IOException;

        /** Whether the responder is still open (a flooding handler stops when it is not). */
        boolean open();
    }

    private final DatagramSocket socket;
    private final List<byte[]> received = new CopyOnWriteArrayList<>();

    UdpResponder(InetAddress address, Handler handler) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
        Thread.ofVirtual().name("udp-responder").start(() -> serve(handler));
    }

    static Handler echo() {
        return (request, reply) -> reply.send(request);
    }

    static Handler silent() {
        return (request, reply) -> { };
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The datagrams received so far, in order. */
    List<byte[]> received() {
        return List.copyOf(received);
    }

    private void serve(Handler handler) {
        byte[] buffer = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
                byte[] request = Arrays.copyOf(p.getData(), p.getLength());
                received.add(request);
                SocketAddress from = p.getSocketAddress();
                handler.handle(request, new Reply() {
                    @Override
                    public void send(byte[] datagram) throws IOException {
                        socket.send(new DatagramPacket(datagram, datagram.length, from));
                    }

                    @Override
                    public boolean open() {
                        return !socket.isClosed();
                    }
                });
            } catch (IOException e) {
                // closed, or the client went away (ICMP unreachable for a reply): go on until closed
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
