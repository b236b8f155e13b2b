package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic BPF programs attached with {@code SO_ATTACH_FILTER} (socket(7), filter(7)), so the
 * kernel drops what a socket must never queue before it costs us a system call, a wake-up or heap:
 * <ul>
 *   <li>{@link #dropAll()} for sockets that only send (each instance's raw VRRP send socket): a raw
 *       protocol-112 socket otherwise gets a copy of every VRRP packet on the host, which nobody
 *       reads, and the kernel keeps them until the receive buffer is full;</li>
 *   <li>{@link #arpFrom(List)} for the ARP watch: only ARP whose sender IP is one of our VIPs, so an
 *       ARP storm for other addresses never leaves the kernel;</li>
 *   <li>{@link #icmpEchoReply} for PING_CHECK's raw ICMP sockets, which get a copy of every ICMP
 *       message of the host: only the reply to our one request.</li>
 * </ul>
 * The programs are plain data ({@link #instructions()}), tested instruction by instruction.
 */
public final class SocketFilter {

    /** One {@code struct sock_filter}: opcode, jump-if-true, jump-if-false, constant. */
    public record Instruction(int code, int jt, int jf, int k) {
    }

    // linux/filter.h (bpf_common.h) opcodes.
    static final int LD_W_ABS = 0x20;
    static final int LD_H_ABS = 0x28;
    static final int LD_W_IND = 0x40;
    static final int LD_H_IND = 0x48;
    /** X = 4 * (byte at k & 0x0f): the IPv4 header's length from its IHL. */
    static final int LDX_B_MSH = 0xb1;
    static final int JEQ_K = 0x15;
    static final int RET_K = 0x06;
    /** The ARP sender protocol address in an Ethernet frame: 14 (Ethernet) + 14 (ARP up to spa). */
    static final int ARP_SPA_OFFSET = 28;
    /** A jump offset is one byte: one program compares at most this many addresses. */
    public static final int MAX_ADDRESSES = 250;
    private static final int ACCEPT_WHOLE = 0xffff;

    private final List<Instruction> program;

    private SocketFilter(List<Instruction> program) {
        this.program = List.copyOf(program);
    }

    /** Accept nothing. */
    public static SocketFilter dropAll() {
        return new SocketFilter(List.of(new Instruction(RET_K, 0, 0, 0)));
    }

    /**
     * Accept ARP frames whose sender IP is one of {@code addresses} (the socket is already bound to
     * EtherType 0x0806, so every frame it sees is ARP).
     *
     * @throws IllegalArgumentException for more than {@link #MAX_ADDRESSES} addresses
     */
    public static SocketFilter arpFrom(List<Inet4Address> addresses) {
        if (addresses.isEmpty() || addresses.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("1.." + MAX_ADDRESSES + " addresses, got " + addresses.size());
        }
        int n = addresses.size();
        List<Instruction> p = new ArrayList<>();
        p.add(new Instruction(LD_W_ABS, 0, 0, ARP_SPA_OFFSET));   // A = spa (network order, as BPF loads it)
        for (int i = 0; i < n; i++) {
            // instruction 1 + i; on a match jump to the accept at 2 + n
            p.add(new Instruction(JEQ_K, n - i, 0, ByteBuffer.wrap(addresses.get(i).getAddress()).getInt()));
        }
        p.add(new Instruction(RET_K, 0, 0, 0));
        p.add(new Instruction(RET_K, 0, 0, ACCEPT_WHOLE));
        return new SocketFilter(p);
    }

    /**
     * Accept only the echo reply (type 0 / 129, code 0) that carries {@code id} and {@code sequence},
     * on a raw ICMP socket: an IPv4 one sees the IP header first (its length from IHL), an ICMPv6
     * one the ICMPv6 message (RFC 792, RFC 4443 section 4.2: identifier and sequence are the 32-bit
     * word at offset 4).
     */
    public static SocketFilter icmpEchoReply(boolean ipv6, int id, int sequence) {
        int idAndSequence = (id & 0xffff) << 16 | (sequence & 0xffff);
        List<Instruction> p = new ArrayList<>();
        if (ipv6) {
            p.add(new Instruction(LD_H_ABS, 0, 0, 0));                 // A = type << 8 | code
            p.add(new Instruction(JEQ_K, 0, 3, 129 << 8));             // echo reply, code 0? else drop
            p.add(new Instruction(LD_W_ABS, 0, 0, 4));                 // A = id << 16 | sequence
        } else {
            p.add(new Instruction(LDX_B_MSH, 0, 0, 0));                // X = IPv4 header length
            p.add(new Instruction(LD_H_IND, 0, 0, 0));                 // A = type << 8 | code
            p.add(new Instruction(JEQ_K, 0, 3, 0));                    // echo reply, code 0? else drop
            p.add(new Instruction(LD_W_IND, 0, 0, 4));                 // A = id << 16 | sequence
        }
        p.add(new Instruction(JEQ_K, 0, 1, idAndSequence));            // ours? else drop
        p.add(new Instruction(RET_K, 0, 0, ACCEPT_WHOLE));
        p.add(new Instruction(RET_K, 0, 0, 0));
        return new SocketFilter(p);
    }

    public List<Instruction> instructions() {
        return program;
    }

    /** Attaches the program to {@code fd}: from now on the kernel queues only what it accepts. */
    void attach(int fd, String what) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment code = arena.allocate(8L * program.size(), 8);
            for (int i = 0; i < program.size(); i++) {
                Instruction in = program.get(i);
                code.set(JAVA_SHORT, 8L * i, (short) in.code());
                code.set(JAVA_BYTE, 8L * i + 2, (byte) in.jt());
                code.set(JAVA_BYTE, 8L * i + 3, (byte) in.jf());
                code.set(JAVA_INT, 8L * i + 4, in.k());
            }
            // struct sock_fprog { unsigned short len; struct sock_filter *filter; } (pointer at 8)
            MemorySegment prog = arena.allocate(16, 8);
            prog.set(JAVA_SHORT, 0, (short) program.size());
            prog.set(ADDRESS, 8, code);
            Sockets.set(fd, Libc.SOL_SOCKET, Libc.SO_ATTACH_FILTER, prog, "SO_ATTACH_FILTER " + what);
        }
    }
}
