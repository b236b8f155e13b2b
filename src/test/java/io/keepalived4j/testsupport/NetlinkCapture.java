package io.keepalived4j.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Netlink messages recorded by strace ({@code -xx -s 65536}) in the IPVS VM
 * (lab/ipvs-vm/README.md), turned back into bytes: each {@code sendmsg}/{@code recvmsg} line's
 * decoded header plus its {@code "\xNN..."} payload. Grouped by the {@code === CMD ...} marker
 * that precedes them.
 */
public final class NetlinkCapture {

    private static final Pattern MESSAGE = Pattern.compile(
            "(sendmsg|recvmsg)\\(\\d+, .*?\\{nlmsg_len=(\\d+), nlmsg_type=(0x[0-9a-f]+|[A-Z_]+)[^,]*, "
                    + "nlmsg_flags=([^,]*), nlmsg_seq=(\\d+), nlmsg_pid=(-?\\d+)\\}, \"((?:\\\\x[0-9a-f]{2})*)\"");

    private static final Pattern EACH = Pattern.compile(
            "\\{nlmsg_len=(\\d+), nlmsg_type=(0x[0-9a-f]+|[A-Z_]+)[^,]*, nlmsg_flags=([^,]*), nlmsg_seq=\\d+, "
                    + "nlmsg_pid=-?\\d+\\}, \"((?:\\\\x[0-9a-f]{2})*)\"");

    /** One message: sent by the tool or received from the kernel, with its whole bytes. */
    public record Message(String command, boolean sent, int length, int type, String flags, byte[] payload) {

        /** The generic netlink command (first byte of the payload). */
        public int genlCommand() {
            return payload[0] & 0xff;
        }

        /** The header (16 bytes, host order as the kernel reads it) followed by the payload. */
        public byte[] bytes(int seq, int pid) {
            ByteBuffer b = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.nativeOrder());
            b.putInt(length).putShort((short) type).putShort((short) flagBits()).putInt(seq).putInt(pid).put(payload);
            return b.array();
        }

        private int flagBits() {
            int f = 0;
            for (String name : flags.split("\\|")) {
                f |= switch (name) {
                    case "NLM_F_REQUEST" -> 0x1;
                    case "NLM_F_MULTI" -> 0x2;
                    case "NLM_F_ACK" -> 0x4;
                    case "NLM_F_DUMP" -> 0x300;
                    case "NLM_F_CAPPED" -> 0x100;
                    case "0" -> 0;
                    default -> name.startsWith("0x") ? Integer.parseInt(name.substring(2), 16) : 0;
                };
            }
            return f;
        }
    }

    private NetlinkCapture() {
    }

    public static List<Message> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Message> out = new ArrayList<>();
        String command = "";
        for (String line : lines) {
            if (line.startsWith("=== CMD ")) {
                command = line.substring("=== CMD ".length());
                continue;
            }
            Matcher m = MESSAGE.matcher(line);
            if (!m.find()) {
                continue;
            }
            boolean sent = m.group(1).equals("sendmsg");
            // A dump's datagram holds several messages: every header and payload of the line.
            Matcher each = EACH.matcher(line);
            while (each.find()) {
                String typeText = each.group(2);
                int type = typeText.startsWith("0x") ? Integer.parseInt(typeText.substring(2), 16) : switch (typeText) {
                    case "NLMSG_ERROR" -> 2;
                    case "NLMSG_DONE" -> 3;
                    default -> -1;
                };
                out.add(new Message(command, sent, Integer.parseInt(each.group(1)), type, each.group(3), hex(each.group(4))));
            }
        }
        return out;
    }

    private static byte[] hex(String escaped) {
        byte[] b = new byte[escaped.length() / 4];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(escaped.substring(i * 4 + 2, i * 4 + 4), 16);
        }
        return b;
    }
}
