package io.keepalived4j.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The client side of the control channel: sends one command line and reads its answer (lines up to
 * the empty line that ends it). What {@code keepalived4j ctl} and the tests use.
 *
 * <pre>{@code
 * ControlReply r = ControlClient.send(Path.of("/run/keepalived4j.sock"), "maintenance VI_1 on");
 * }</pre>
 */
public final class ControlClient {

    /** An answer longer than this is cut off (a daemon's answer never is: a bound against a wrong peer). */
    private static final int MAX_ANSWER = 1 << 20;

    private ControlClient() {
    }

    /**
     * @throws IOException when the socket cannot be reached, or the connection ends before the answer does
     */
    public static ControlReply send(Path socket, String command) throws IOException {
        if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("one command, one line");
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                ch.write(out);
            }
            return read(ch);
        }
    }

    private static ControlReply read(SocketChannel ch) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (true) {
            byte[] so = answer.toByteArray();
            int end = endOfAnswer(so);
            if (end >= 0) {
                return parse(new String(so, 0, end, StandardCharsets.UTF_8));
            }
            buf.clear();
            if (ch.read(buf) < 0 || answer.size() > MAX_ANSWER) {
                if (answer.size() > 0) {
                    // A refusal is answered and closed at once: what came is the answer.
                    return parse(answer.toString(StandardCharsets.UTF_8).stripTrailing());
                }
                throw new IOException("the control channel closed the connection without an answer");
            }
            answer.write(buf.array(), 0, buf.position());
        }
    }

    /** Where the empty line starts ("\n\n"), or -1. */
    private static int endOfAnswer(byte[] b) {
        if (b.length == 1 && b[0] == '\n') {
            return 0;
        }
        for (int i = 1; i < b.length; i++) {
            if (b[i] == '\n' && b[i - 1] == '\n') {
                return i - 1;
            }
        }
        return -1;
    }

    private static ControlReply parse(String text) {
        List<String> lines = text.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        boolean ok = lines.isEmpty() || !lines.getFirst().startsWith(ControlReply.ERROR_PREFIX);
        return new ControlReply(ok, lines);
    }
}
