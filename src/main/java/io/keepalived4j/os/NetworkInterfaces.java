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
    private static final int SOCK_DGRAM = 2;
    private static final int IFA_F_TENTATIVE = 0x40;
    private static final int SCOPE_LINK = 0x20;

    private NetworkInterfaces() {
    }

    /** The interface's index ({@code if_nametoindex}); ENODEV when there is no such interface. */
    public static int index(String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newCaptureState(arena);
            int index = (int) Libc.IF_NAMETOINDEX.invokeExact(errno, arena.allocateFrom(name));
            if (index == 0) {
                throw NativeException.of("if_nametoindex(" + name + ")", Libc.errno(errno), null);
            }
            return index;
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The interface's name ({@code if_indextoname}); ENXIO when no interface has that index. */
    public static String name(int index) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newCaptureState(arena);
            MemorySegment buffer = arena.allocate(IFNAMSIZ);
            MemorySegment name = (MemorySegment) Libc.IF_INDEXTONAME.invokeExact(errno, index, buffer);
            if (name.address() == 0) {
                throw NativeException.of("if_indextoname(" + index + ")", Libc.errno(errno), null);
            }
            return buffer.getString(0);
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The interface's hardware (MAC) address, via {@code ioctl(SIOCGIFHWADDR)} on a plain UDP socket. */
    public static byte[] mac(String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newCaptureState(arena);
            int fd = (int) Libc.SOCKET.invokeExact(errno, Libc.AF_INET, SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw NativeException.ofSocketCall("socket(AF_INET, SOCK_DGRAM, 0)", Libc.errno(errno));
            }
            // struct ifreq: char ifr_name[16]; union { struct sockaddr ifr_hwaddr; ... } (24 bytes)
            MemorySegment ifreq = arena.allocate(40, 8);
            byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            MemorySegment.copy(nameBytes, 0, ifreq, JAVA_BYTE, 0, Math.min(nameBytes.length, IFNAMSIZ - 1));
            int rc = (int) Libc.IOCTL.invokeExact(errno, fd, Libc.SIOCGIFHWADDR, ifreq);
            int ioctlErrno = Libc.errno(errno);
            int ignored = (int) Libc.CLOSE.invokeExact(errno, fd);
            if (rc < 0) {
                throw NativeException.of("ioctl(" + name + ", SIOCGIFHWADDR)", ioctlErrno, null);
            }
            return ifreq.asSlice(IFNAMSIZ + 2, 6).toArray(JAVA_BYTE);
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * The interface's primary IPv4 address: the first one {@code getifaddrs} lists, as the kernel
     * lists a subnet's primary address before its secondaries. keepalived sends adverts from it
     * unless {@code mcast_src_ip}/{@code unicast_src_ip} says otherwise.
     */
    public static Optional<Inet4Address> primaryIpv4(String name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newCaptureState(arena);
            MemorySegment head = arena.allocate(ADDRESS);
            if ((int) Libc.GETIFADDRS.invokeExact(errno, head) < 0) {
                throw NativeException.of("getifaddrs()", Libc.errno(errno), null);
            }
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
                Libc.FREEIFADDRS.invokeExact(list);
            }
        } catch (NativeException e) {
            throw e;
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
