package io.keepalived4j.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A one-connection SMTP server on 127.0.0.1 for tests: greets, answers each command with the
 * reply given for its verb, and records every byte the client sent.
 */
public final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final CompletableFuture<String> transcript = new CompletableFuture<>();

    public SmtpSink(Map<String, String> replies) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> serve(replies));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** What the client sent, once it closed the connection. */
    public CompletableFuture<String> transcript() {
        return transcript;
    }

    private void serve(Map<String, String> replies) {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            out.write("220 sink ready\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean data = false;
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                seen.write(c);
                line.append((char) c);
                if (c != '\n') {
                    continue;
                }
                String l = line.toString();
                line.setLength(0);
                String reply;
                if (data) {
                    if (!l.equals(".\r\n")) {
                        continue;
                    }
                    data = false;
                    reply = replies.getOrDefault("BODY", "250 queued\r\n");
                } else {
                    String verb = l.strip().split("[ :]")[0];
                    reply = replies.getOrDefault(verb, "250 ok\r\n");
                    data = verb.equals("DATA") && reply.startsWith("354");
                }
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
                if (l.startsWith("QUIT")) {
                    break;
                }
            }
        } catch (IOException e) {
            // The client went away: the transcript so far is what it sent.
        } finally {
            transcript.complete(seen.toString(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
