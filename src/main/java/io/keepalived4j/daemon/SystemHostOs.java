package io.keepalived4j.daemon;

import io.keepalived4j.os.ArpListener;
import io.keepalived4j.os.ArpPacket;
import io.keepalived4j.os.GratuitousArpSender;
import io.keepalived4j.os.NeighborAdvertSender;
import io.keepalived4j.os.NetworkInterfaces;
import io.keepalived4j.os.RawVrrpSocket;
import io.keepalived4j.os.ReceivedPacket;
import io.keepalived4j.os.SocketFilter;
import io.keepalived4j.os.VrrpSocketOptions;
import io.keepalived4j.os.netlink.LinkListener;
import io.keepalived4j.os.netlink.LinkMonitor;
import io.keepalived4j.os.netlink.NetworkStack;
import io.keepalived4j.os.netlink.RtNetlink;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The real host: the {@code os} package's sockets and rtnetlink, in the calling thread's namespace. */
final class SystemHostOs implements HostOs {

    @Override
    public NetworkStack openNetwork() throws IOException {
        return RtNetlink.open();
    }

    @Override
    public Optional<InetAddress> primaryIpv4(String iface) throws IOException {
        return NetworkInterfaces.primaryIpv4(iface).map(a -> a);
    }

    @Override
    public Optional<InetAddress> ipv6LinkLocal(String iface) throws IOException {
        return NetworkInterfaces.ipv6LinkLocal(iface).map(a -> a);
    }

    @Override
    public List<byte[]> localMacs() throws IOException {
        List<byte[]> macs = new ArrayList<>();
        for (var ni : Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            byte[] mac = ni.getHardwareAddress();
            if (mac != null && mac.length == 6) {
                macs.add(mac);
            }
        }
        return macs;
    }

    @Override
    public VrrpChannel openVrrp(VrrpSocketOptions options, boolean sendOnly) throws IOException {
        RawVrrpSocket s = sendOnly ? RawVrrpSocket.openForSending(options) : RawVrrpSocket.open(options);
        return new VrrpChannel() {
            @Override
            public Optional<ReceivedPacket> receive(Duration timeout) throws IOException {
                return s.receive(timeout);
            }

            @Override
            public Optional<Polled> polled() {
                return Optional.of(new Polled() {
                    @Override
                    public int fd() {
                        return s.fd();
                    }

                    @Override
                    public int receiveQueued(int max, Consumer<? super ReceivedPacket> sink) throws IOException {
                        return s.receiveQueued(max, sink);
                    }
                });
            }

            @Override
            public void send(byte[] message, InetAddress destination) throws IOException {
                s.send(message, destination);
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    @Override
    public ArpChannel openArp(String iface, List<Inet4Address> vips) throws IOException {
        // More VIPs than one filter program compares: the listener thread filters instead.
        Optional<SocketFilter> filter = vips.size() <= SocketFilter.MAX_ADDRESSES
                ? Optional.of(SocketFilter.arpFrom(vips)) : Optional.empty();
        ArpListener listener = ArpListener.open(iface, filter);
        GratuitousArpSender prober;
        try {
            prober = GratuitousArpSender.open(iface);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        return new ArpChannel() {
            @Override
            public Optional<ArpPacket> receive(Duration timeout) throws IOException {
                return listener.receive(timeout);
            }

            @Override
            public void probe(Inet4Address vip) throws IOException {
                prober.sendProbe(vip);
            }

            @Override
            public void close() {
                listener.close();
                prober.close();
            }
        };
    }

    @Override
    public Announcer openAnnouncer(String iface, boolean ipv6) throws IOException {
        if (ipv6) {
            NeighborAdvertSender na = NeighborAdvertSender.open(iface);
            return new Announcer() {
                @Override
                public void announce(InetAddress address) throws IOException {
                    na.send((Inet6Address) address);
                }

                @Override
                public void rehearse(InetAddress address) {
                    na.frame((Inet6Address) address);
                }

                @Override
                public void close() {
                    na.close();
                }
            };
        }
        GratuitousArpSender garp = GratuitousArpSender.open(iface);
        return new Announcer() {
            @Override
            public void announce(InetAddress address) throws IOException {
                garp.send((Inet4Address) address);
            }

            @Override
            public void close() {
                garp.close();
            }
        };
    }

    @Override
    public LinkEvents openLinkEvents() throws IOException {
        LinkMonitor monitor = LinkMonitor.open();
        return new LinkEvents() {
            @Override
            public void poll(LinkListener listener) throws IOException {
                monitor.poll(listener);
            }

            @Override
            public void close() {
                monitor.close();
            }
        };
    }

    @Override
    public void sysctl(String key, String value) throws IOException {
        if (key.contains("..")) {
            throw new IllegalArgumentException("sysctl key " + key);
        }
        Files.writeString(Path.of("/proc/sys").resolve(key), value);
    }
}
