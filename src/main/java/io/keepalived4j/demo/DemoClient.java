package io.keepalived4j.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The demo's client, run in the client's namespace:
 * <ul>
 * <li>{@code get VIP PORT SRC[,SRC...] N}: N requests from each source address, one line per
 * source: {@code SRC server server ...} ({@code -} for a failed request);</li>
 * <li>{@code hold VIP PORT SRC}: a long connection ({@code GET /ws}), prints {@code HELD server},
 * then sends a tick every 200 ms and prints {@code ECHO reply} until the connection is lost
 * ({@code LOST why}).</li>
 * </ul>
 */
public final class DemoClient {

    private DemoClient() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress vip = InetAddress.getByName(args[1]);
        int port = Integer.parseInt(args[2]);
        if (args[0].equals("get")) {
            int n = Integer.parseInt(args[4]);
            for (String src : args[3].split(",")) {
                StringJoiner line = new StringJoiner(" ", src + " ", "");
                for (int i = 0; i < n; i++) {
                    line.add(get(vip, port, InetAddress.getByName(src)));
                }
                System.out.println(line);
            }
        } else {
            hold(vip, port, InetAddress.getByName(args[3]));
        }
        System.out.flush();
    }

    private static String get(InetAddress vip, int port, InetAddress src) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(src, 0));
            s.connect(new InetSocketAddress(vip, port), 3000);
            s.setSoTimeout(3000);
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: demo\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                // status line and headers
            }
            String body = in.readLine();
            return body == null ? "-" : body.strip();
        } catch (IOException e) {
            return "-";
        }
    }

    private static void hold(InetAddress vip, int port, InetAddress src) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(src, 0));
            s.connect(new InetSocketAddress(vip, port), 3000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET /ws HTTP/1.1\r\nHost: demo\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                // the 101 and its headers
            }
            System.out.println("HELD " + in.readLine());
            System.out.flush();
            for (int i = 0; ; i++) {
                out.write(("tick " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                String reply = in.readLine();
                if (reply == null) {
                    System.out.println("LOST closed");
                    return;
                }
                System.out.println("ECHO " + reply);
                System.out.flush();
                Thread.sleep(200);
            }
        } catch (IOException e) {
            System.out.println("LOST " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
