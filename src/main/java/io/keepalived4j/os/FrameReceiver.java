package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.util.Optional;

/**
 * Reads one received frame of an AF_PACKET socket ({@link ArpListener}): the whole frame and the
 * {@code sll_pkttype} of its {@code sockaddr_ll}, the kernel's verdict on whom the frame was for.
 */
final class FrameReceiver {

    /**
     * A frame and its {@code sll_pkttype} ({@code <linux/if_packet.h>}): PACKET_HOST 0,
     * PACKET_BROADCAST 1, PACKET_MULTICAST 2, PACKET_OTHERHOST 3, PACKET_OUTGOING 4.
     */
    record Frame(byte[] bytes, int packetType) {

        /** For this host: to our MAC, broadcast or multicast; not another host's, not our own. */
        boolean forUs() {
            return packetType <= 2;
        }
    }

    // Ethernet MTU 1500 + header + a VLAN tag; ARP frames are 42-60 bytes, longer ones are dropped.
    static final int BUFFER = 1536;

    private FrameReceiver() {
    }

    /** A {@link ReceiveChannel.Parser} for a socket bound to {@code ifindex}. */
    static ReceiveChannel.Parser<Frame> parser(int ifindex) {
        return (m, n) -> {
            if (m.name().get(JAVA_INT, 4) != ifindex) {
                return Optional.empty(); // (bound, so never) another interface
            }
            // struct sockaddr_ll: family(2) protocol(2) ifindex(4) hatype(2) pkttype(1) halen(1) addr(8)
            return Optional.of(new Frame(m.buffer().asSlice(0, n).toArray(JAVA_BYTE), m.name().get(JAVA_BYTE, 10) & 0xff));
        };
    }
}
