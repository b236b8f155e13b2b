package io.keepalived4j.testsupport.lab;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A lab's addresses: a random IPv4 /24 in 10.64.0.0/10 and a random RFC 4193 ULA /64, hosts at
 * {@code .(10+i)} / {@code ::(0x10+i)}, VIPs at {@code .(100+n)} / {@code ::(0x100+n)}, so a VIP
 * is never a host's address; VM guests (on a lab tap) at {@code .(200+n)}. Random so that two labs' captures or logs are never confusable; a
 * collision would be harmless anyway, as each lab has its own bridge.
 */
record LabAddressPlan(byte[] net4, byte[] net6) {

    static LabAddressPlan random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] net4 = {10, (byte) (64 + random.nextInt(64)), (byte) random.nextInt(256)};
        byte[] net6 = new byte[8];
        random.nextBytes(net6);
        net6[0] = (byte) 0xfd; // ULA, locally assigned: fd + 40-bit random global ID + 16-bit subnet ID
        return new LabAddressPlan(net4, net6);
    }

    Inet4Address host4(int index) {
        return address4(10 + index);
    }

    Inet6Address host6(int index) {
        return address6(0x10 + index);
    }

    Inet4Address guest4(int n) {
        if (n < 1 || n > 50) {
            throw new IllegalArgumentException("guest number must be 1..50: " + n);
        }
        return address4(200 + n);
    }

    Inet4Address vip4(int n) {
        return address4(100 + checkVip(n));
    }

    Inet6Address vip6(int n) {
        return address6(0x100 + checkVip(n));
    }

    private Inet4Address address4(int last) {
        return (Inet4Address) byAddress(new byte[] {net4[0], net4[1], net4[2], (byte) last});
    }

    private Inet6Address address6(int last) {
        byte[] a = new byte[16];
        System.arraycopy(net6, 0, a, 0, 8);
        a[14] = (byte) (last >> 8);
        a[15] = (byte) last;
        return (Inet6Address) byAddress(a);
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static int checkVip(int n) {
        if (n < 1 || n > 99) {
            throw new IllegalArgumentException("VIP number must be 1..99: " + n);
        }
        return n;
    }
}
