package io.keepalived4j.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's real server: {@code DemoBackend NAME ADDRESS PORT...} answers HTTP with its name
 * (so HTTP_GET and TCP_CHECK pass and the client sees who answered), and {@code GET /ws} becomes
 * a line echo prefixed with its name that stays open (the seeds' WebSocket long connection).
 * Prints READY once every port listens; runs until killed.
 */
public final class DemoBackend {

    private DemoBackend() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String name = args[0];
        InetAddress address = InetAddress.getByName(args[1]);
        List<Thread> loops = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(address, Integer.parseInt(args[i])), 128);
            loops.add(Thread.ofVirtual().start(() -> accept(server, name)));
        }
        System.out.println("READY");
        System.out.flush();
        for (Thread t : loops) {
            t.join();
        }
    }

    private static void accept(ServerSocket server, String name) {
        while (true) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s, name));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket s, String name) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            String request = in.readLine();
            if (request == null) {
                return; // a TCP_CHECK
            }
            for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                // headers are not needed
            }
            String[] parts = request.split(" ");
            if (parts.length > 1 && parts[1].equals("/ws")) {
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                        + name + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write((name + ":" + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                return;
            }
            byte[] body = (name + "\n").getBytes(StandardCharsets.US_ASCII);
            out.write(("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the client went away
        }
    }
}
