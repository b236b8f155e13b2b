package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The receive path's address table: the same objects for the same bytes, right values for any bytes. */
class AddressCacheTest {

    @Test
    void anAddressSeenAgainIsTheSameObjectAndEqualsWhatSockAddrsReads() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            AddressCache cache = new AddressCache();
            MemorySegment v4 = sockaddr4(arena, "10.1.2.3");
            InetAddress first = cache.sockaddr(v4);
            assertThat(first).isEqualTo(InetAddress.getByName("10.1.2.3")).isEqualTo(SockAddrs.read(v4));
            assertThat(cache.sockaddr(sockaddr4(arena, "10.1.2.3"))).isSameAs(first);
            assertThat(cache.sockaddr(sockaddr4(arena, "10.1.2.4"))).isEqualTo(InetAddress.getByName("10.1.2.4"));

            MemorySegment scoped = sockaddr6(arena, "fe80::1", 7);
            InetAddress linkLocal = cache.sockaddr(scoped);
            assertThat(linkLocal).isEqualTo(SockAddrs.read(scoped));
            assertThat(((Inet6Address) linkLocal).getScopeId()).isEqualTo(7);
            assertThat(cache.sockaddr(sockaddr6(arena, "fe80::1", 7))).isSameAs(linkLocal);
            InetAddress otherLink = cache.sockaddr(sockaddr6(arena, "fe80::1", 8));
            assertThat(((Inet6Address) otherLink).getScopeId()).as("the scope is part of the key").isEqualTo(8);
            InetAddress global = cache.sockaddr(sockaddr6(arena, "fd00::1", 7));
            assertThat(global).isEqualTo(InetAddress.getByName("fd00::1"));
            assertThat(((Inet6Address) global).getScopeId()).as("only link-local keeps a scope").isZero();
        }
    }

    @Test
    void moreAddressesThanTheTableHoldsStillComeOutRight() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            AddressCache cache = new AddressCache();
            for (int round = 0; round < 3; round++) {
                for (int i = 1; i <= 40; i++) {
                    assertThat(cache.ipv4(raw(arena, "192.0.2." + i), 0)).isEqualTo(InetAddress.getByName("192.0.2." + i));
                    assertThat(cache.ipv6(raw(arena, "2001:db8::" + i), 0, 0)).isEqualTo(InetAddress.getByName("2001:db8::" + i));
                }
            }
        }
    }

    private static MemorySegment raw(Arena arena, String address) throws Exception {
        return arena.allocateFrom(JAVA_BYTE, InetAddress.getByName(address).getAddress());
    }

    private static MemorySegment sockaddr4(Arena arena, String address) throws Exception {
        MemorySegment s = arena.allocate(SockAddrs.MAX_SIZE, 8);
        s.set(JAVA_SHORT, 0, (short) Libc.AF_INET);
        MemorySegment.copy(InetAddress.getByName(address).getAddress(), 0, s, JAVA_BYTE, 4, 4);
        return s;
    }

    private static MemorySegment sockaddr6(Arena arena, String address, int scope) throws Exception {
        MemorySegment s = arena.allocate(SockAddrs.MAX_SIZE, 8);
        s.set(JAVA_SHORT, 0, (short) Libc.AF_INET6);
        MemorySegment.copy(InetAddress.getByName(address).getAddress(), 0, s, JAVA_BYTE, 8, 16);
        s.set(JAVA_INT, 24, scope);
        return s;
    }
}
