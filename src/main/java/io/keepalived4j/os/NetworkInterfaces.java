package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What the VRRP layer needs to know about one interface, asked of the kernel in the calling
 * thread's network namespace (so it works inside {@link NetworkNamespace#call}). Files are read
 * through {@code /proc/thread-self}, not {@code /proc/self} or {@code /sys}, which show the
 * namespace of the main thread or of whoever mounted sysfs.
 */
public final class NetworkInterfaces {

    private static final int IFNAMSIZ = 16;
    private static final int SOCK_DGRAM = Libc.SOCK_DGRAM;
    private static final int IFA_F_TENTATIVE = 0x40;
    private static final int SCOPE_LINK = 0x20;

    private NetworkInterfaces() {
    }

    /** The interface's index ({@code if_nametoindex}); ENODEV when there is no such interface. */
    public static int index(String name) throws NativeException {
        // if_nametoindex returns 0, not -1, on failure.
        return (int) Libc.check((a, st) -> {
            int index = (int) Libc.IF_NAMETOINDEX.invokeExact(st, a.allocateFrom(name));
            return index == 0 ? -1 : index;
        }, e -> NativeException.of("if_nametoindex(" + name + ")", e, null));
    }

    /** The interface's name ({@code if_indextoname}); ENXIO when no interface has that index. */
    public static String name(int index) throws NativeException {
        String[] out = new String[1];
        Libc.check((a, st) -> {
            MemorySegment buffer = a.allocate(IFNAMSIZ);
            MemorySegment name = (MemorySegment) Libc.IF_INDEXTONAME.invokeExact(st, index, buffer);
            if (name.address() == 0) {
                return -1;
            }
            out[0] = buffer.getString(0);
            return 0;
        }, e -> NativeException.of("if_indextoname(" + index + ")", e, null));
        return out[0];
    }

    /** The interface's hardware (MAC) address, via {@code ioctl(SIOCGIFHWADDR)} on a plain UDP socket. */
    public static byte[] mac(String name) throws NativeException {
        int fd = Sockets.open(Libc.AF_INET, SOCK_DGRAM, 0, "socket(AF_INET, SOCK_DGRAM, 0)");
        try (Arena arena = Arena.ofConfined()) {
            // struct ifreq: char ifr_name[16]; union { struct sockaddr ifr_hwaddr; ... } (24 bytes)
            MemorySegment ifreq = arena.allocate(40, 8);
            byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            MemorySegment.copy(nameBytes, 0, ifreq, JAVA_BYTE, 0, Math.min(nameBytes.length, IFNAMSIZ - 1));
            Libc.check("ioctl(" + name + ", SIOCGIFHWADDR)",
                    (a, st) -> (int) Libc.IOCTL.invokeExact(st, fd, Libc.SIOCGIFHWADDR, ifreq));
            return ifreq.asSlice(IFNAMSIZ + 2, 6).toArray(JAVA_BYTE);
        } finally {
            Libc.close(fd);
        }
    }

    /**
     * The interface's primary IPv4 address: the first one {@code getifaddrs} lists, as the kernel
     * lists a subnet's primary address before its secondaries. keepalived sends adverts from it
     * unless {@code mcast_src_ip}/{@code unicast_src_ip} says otherwise.
     */
    public static Optional<Inet4Address> primaryIpv4(String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment head = arena.allocate(ADDRESS);
            Libc.check("getifaddrs()", (a, st) -> (int) Libc.GETIFADDRS.invokeExact(st, head));
            MemorySegment list = head.get(ADDRESS, 0);
            try {
                // struct ifaddrs: next @0, name @8, flags @16, addr @24 (64-bit layout)
                for (MemorySegment entry = list; entry.address() != 0; ) {
                    MemorySegment e = entry.reinterpret(56);
                    MemorySegment addr = e.get(ADDRESS, 24);
                    if (addr.address() != 0 && e.get(ADDRESS, 8).reinterpret(IFNAMSIZ).getString(0).equals(name)) {
                        MemorySegment sa = addr.reinterpret(16);
                        if (sa.get(JAVA_SHORT, 0) == Libc.AF_INET) {
                            return Optional.of((Inet4Address) SockAddrs.read(sa));
                        }
                    }
                    entry = e.get(ADDRESS, 0);
                }
                return Optional.empty();
            } finally {
                freeIfaddrs(list);
            }
        }
    }

    private static void freeIfaddrs(MemorySegment list) {
        try {
            Libc.FREEIFADDRS.invokeExact(list);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * The interface's IPv6 link-local address (scope id = its index), preferring one that has
     * finished duplicate address detection, from {@code /proc/thread-self/net/if_inet6}.
     */
    public static Optional<Inet6Address> ipv6LinkLocal(String name) throws IOException {
        Inet6Address tentative = null;
        // "fe80000000000000b43d69fffec5f55d 02 40 20 80     eth0": address, index, prefix, scope, flags, name
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/net/if_inet6"))) {
            List<String> f = List.of(line.trim().split("\\s+"));
            if (f.size() < 6 || !f.get(5).equals(name) || Integer.parseInt(f.get(3), 16) != SCOPE_LINK) {
                continue;
            }
            Inet6Address a = Inet6Address.getByAddress(null, HexFormat.of().parseHex(f.get(0)),
                    Integer.parseInt(f.get(1), 16));
            if ((Integer.parseInt(f.get(4), 16) & IFA_F_TENTATIVE) == 0) {
                return Optional.of(a);
            }
            tentative = a;
        }
        return Optional.ofNullable(tentative);
    }

    /**
     * Whether IPv6 forwarding is on for the interface: keepalived then sets the Router flag in its
     * unsolicited neighbour advertisements (RFC 4861 section 4.4).
     */
    public static boolean ipv6Forwarding(String name) throws IOException {
        Path knob = Path.of("/proc/sys/net/ipv6/conf", name, "forwarding");
        return Files.exists(knob) && Files.readString(knob).trim().equals("1");
    }
}
