package io.keepalived4j.check;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Reads LF-terminated lines from a socket with two limits: each line must be complete by a
 * deadline (a server sending a byte a second cannot stretch it: the deadline does not move when
 * bytes arrive), and within {@code maxLine} bytes including the LF (a server sending an endless
 * line costs that buffer, no more). Bytes after a line stay for the next one. Blocking, for
 * virtual threads; one reader per socket, one thread at a time.
 */
final class BoundedLineReader {

    /** No LF within the line limit. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(int max) {
            super("no end of line within " + max + " bytes");
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer;
    private int start;
    private int end;

    BoundedLineReader(Socket socket, int maxLine) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.buffer = new byte[maxLine];
    }

    /**
     * The next line without its LF (a CR before it stays), bytes as ISO-8859-1 characters.
     *
     * @param deadlineNanos {@link System#nanoTime()} by which the line must be complete
     * @throws SocketTimeoutException the deadline passed first
     * @throws EOFException           the server closed the connection first
     * @throws LineTooLongException   no LF within the limit
     */
    String readLine(long deadlineNanos) throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    String line = new String(buffer, start, i - start, StandardCharsets.ISO_8859_1);
                    start = i + 1;
                    return line;
                }
            }
            if (end - start >= buffer.length) {
                throw new LineTooLongException(buffer.length);
            }
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("no complete line in time");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (remaining + 999_999) / 1_000_000)));
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                throw new EOFException("connection closed");
            }
            end += n;
        }
    }
}
