package io.keepalived4j.daemon;

import io.keepalived4j.os.ArpPacket;
import io.keepalived4j.os.ReceivedPacket;
import io.keepalived4j.os.VrrpSocketOptions;
import io.keepalived4j.os.netlink.LinkListener;
import io.keepalived4j.os.netlink.NetworkStack;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the VRRP daemon needs from the host, and the one seam between the daemon's glue and
 * the operating system: {@link SystemHostOs} is the real host (raw sockets, AF_PACKET, rtnetlink,
 * /proc/sys), and the daemon's in-process tests give it an in-memory host with a simulated LAN,
 * so the loop, the routing of adverts, the VIP handling and the stop paths run without a kernel.
 * Every channel is owned by whoever opened it; {@code close} wakes a blocked {@code receive}.
 */
interface HostOs {

    /** A handle on the kernel's links, addresses, routes and rules; each call opens a new one. */
    NetworkStack openNetwork() throws IOException;

    /** The interface's primary IPv4 address (advert source by default). */
    Optional<InetAddress> primaryIpv4(String iface) throws IOException;

    /** The interface's link-local IPv6 address (advert source by default for IPv6). */
    Optional<InetAddress> ipv6LinkLocal(String iface) throws IOException;

    /** The MACs frames from this host may carry (every local interface's). */
    List<byte[]> localMacs() throws IOException;

    /** A raw VRRP socket; {@code sendOnly} sockets never queue what they receive. */
    VrrpChannel openVrrp(VrrpSocketOptions options, boolean sendOnly) throws IOException;

    /** The ARP of one interface that claims one of {@code vips}, and ARP probes for them. */
    ArpChannel openArp(String iface, List<Inet4Address> vips) throws IOException;

    /** Gratuitous ARP (IPv4) or unsolicited neighbour advertisements (IPv6) on one interface. */
    Announcer openAnnouncer(String iface, boolean ipv6) throws IOException;

    /** Link and address notifications. */
    LinkEvents openLinkEvents() throws IOException;

    /** Writes one /proc/sys knob, e.g. {@code net/ipv4/conf/vrrp.51/arp_ignore}. */
    void sysctl(String key, String value) throws IOException;

    /** One raw VRRP socket. */
    interface VrrpChannel extends AutoCloseable {
        Optional<ReceivedPacket> receive(Duration timeout) throws IOException;

        void send(byte[] message, InetAddress destination) throws IOException;

        /**
         * The socket as a descriptor the VRRP loop can wait on with its others, and read without
         * waiting; empty for a channel that is not a socket (an in-memory fake): a thread of its own
         * then receives for it.
         */
        default Optional<Polled> polled() {
            return Optional.empty();
        }

        @Override
        void close();
    }

    /** A receiving socket that its reader waits on itself: see {@link VrrpChannel#polled()}. */
    interface Polled {
        int fd();

        /** At most {@code max} queued packets to {@code sink}, without waiting; how many. */
        int receiveQueued(int max, Consumer<? super ReceivedPacket> sink) throws IOException;
    }

    /** ARP for our VIPs on one interface. */
    interface ArpChannel extends AutoCloseable {
        Optional<ArpPacket> receive(Duration timeout) throws IOException;

        void probe(Inet4Address vip) throws IOException;

        @Override
        void close();
    }

    /** Sends one announcement (GARP / NA) for an address, from the interface's MAC. */
    interface Announcer extends AutoCloseable {
        void announce(InetAddress address) throws IOException;

        /** Builds the frame announce() would send, and sends nothing: warms that code before a takeover. */
        default void rehearse(InetAddress address) {
        }

        @Override
        void close();
    }

    /** Link notifications; {@link #poll} delivers what arrived within the timeout. */
    interface LinkEvents extends AutoCloseable {
        void poll(LinkListener listener) throws IOException;

        @Override
        void close();
    }
}
