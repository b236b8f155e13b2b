package io.keepalived4j.os;

import java.io.IOException;
import java.net.Inet4Address;

/**
 * Sends keepalived's gratuitous ARPs ({@link ArpFrames}) on one interface, so that neighbours
 * and switches learn at once that a VIP moved to us (RFC 5798 section 6.4.2).
 *
 * <pre>{@code
 * try (GratuitousArpSender garp = GratuitousArpSender.open("eth0")) {
 *     garp.send((Inet4Address) InetAddress.ofLiteral("10.0.0.100"));
 * }
 * }</pre>
 */
public final class GratuitousArpSender implements AutoCloseable {

    private final PacketSocket socket;
    private final byte[] interfaceMac;

    private GratuitousArpSender(PacketSocket socket, byte[] interfaceMac) {
        this.socket = socket;
        this.interfaceMac = interfaceMac;
    }

    /** Opens a sender on {@code interfaceName} (in the calling thread's namespace); needs CAP_NET_RAW. */
    public static GratuitousArpSender open(String interfaceName) throws NativeException {
        byte[] mac = NetworkInterfaces.mac(interfaceName);
        return new GratuitousArpSender(new PacketSocket(interfaceName), mac);
    }

    /** One gratuitous ARP for {@code vip} from the interface's own MAC. */
    public void send(Inet4Address vip) throws IOException {
        send(vip, interfaceMac);
    }

    /** One gratuitous ARP for {@code vip} from {@code sourceMac} (the VMAC with {@code use_vmac}). */
    public void send(Inet4Address vip, byte[] sourceMac) throws IOException {
        socket.send(ArpFrames.gratuitousArp(sourceMac, vip), ArpFrames.ETH_P_ARP);
    }

    /** The frame {@link #send(Inet4Address)} writes for {@code vip}. */
    public byte[] frame(Inet4Address vip) {
        return ArpFrames.gratuitousArp(interfaceMac, vip);
    }

    /**
     * One ARP Probe for {@code vip} from the interface's MAC ({@link ArpFrames#probe}): another host
     * holding the VIP replies, which an {@link ArpListener} hears. Lets a MASTER check for a split
     * brain without waiting for the other node's gratuitous ARPs.
     */
    public void sendProbe(Inet4Address vip) throws IOException {
        socket.send(ArpFrames.probe(interfaceMac, vip), ArpFrames.ETH_P_ARP);
    }

    /** The interface's MAC, the default source. */
    public byte[] interfaceMac() {
        return interfaceMac.clone();
    }

    @Override
    public void close() {
        socket.close();
    }
}
