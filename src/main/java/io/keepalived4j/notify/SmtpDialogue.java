package io.keepalived4j.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One blocking SMTP session sending one alert, the conversation of keepalived's core/smtp.c
 * state machine (RFC 5321 subset, no ESMTP, no TLS, no dot-stuffing: keepalived's bodies are
 * fixed one-liners). Each step expects one reply code; a multi-line reply ({@code 250-...}) is
 * read to its last line. Any other code is logged and answered with QUIT, as keepalived does.
 *
 * <pre>
 * S: 220 ...            C: HELO helo_name
 * S: 250                C: MAIL FROM:&lt;from&gt;
 * S: 250                C: RCPT TO:&lt;each recipient&gt;   (250 each)
 * S: 250                C: DATA
 * S: 354                C: headers, blank line, body, "\r\n.\r\n"
 * S: 250                C: QUIT
 * S: 221
 * </pre>
 */
final class SmtpDialogue {

    /** keepalived's {@code strftime("%a, %d %b %Y %H:%M:%S %z")} on local time. */
    static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    /** Why a session failed, worded as keepalived's log line. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private SmtpDialogue() {
    }

    static void send(SmtpSettings s, SmtpAlert alert, ZonedDateTime now) throws Failure {
        int timeoutMs = (int) Math.max(1, s.timeout().toMillis());
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(s.host(), s.port()), timeoutMs);
            } catch (SocketTimeoutException e) {
                throw new Failure("Timeout connecting SMTP server " + s.display() + ".");
            } catch (IOException e) {
                throw new Failure("SMTP connection ERROR to " + s.display() + ".");
            }
            socket.setSoTimeout(timeoutMs);
            Session session = new Session(s, socket.getInputStream(), socket.getOutputStream());
            session.converse(alert, now);
        } catch (IOException e) {
            throw new Failure("Cannot send data to remote SMTP server " + s.display() + ".");
        }
    }

    /** The DATA section exactly as keepalived's {@code body_cmd()} builds it, final dot included. */
    static String message(SmtpSettings s, SmtpAlert alert, ZonedDateTime now) {
        StringBuilder m = new StringBuilder()
                .append("Date: ").append(RFC822.format(now)).append("\r\n")
                .append("From: ").append(s.from()).append("\r\n")
                .append("Subject: ").append(alert.subject()).append("\r\n")
                .append("X-Mailer: Keepalived\r\n")
                .append("To:");
        for (int i = 0; i < s.recipients().size(); i++) {
            m.append(i == 0 ? "" : ",\r\n").append(' ').append(s.recipients().get(i));
        }
        return m.append("\r\n\r\n").append(alert.body()).append("\r\n").append("\r\n.\r\n").toString();
    }

    /** keepalived sends an address already written as {@code Name <a@b>} as its {@code <a@b>}. */
    static String angle(String address) {
        int lt = address.lastIndexOf('<');
        return address.endsWith(">") && lt >= 0 ? address.substring(lt) : "<" + address + ">";
    }

    private static final class Session {
        private final SmtpSettings s;
        private final InputStream in;
        private final OutputStream out;

        Session(SmtpSettings s, InputStream in, OutputStream out) {
            this.s = s;
            this.in = in;
            this.out = out;
        }

        void converse(SmtpAlert alert, ZonedDateTime now) throws IOException, Failure {
            expect("(E)SMTP", 220);
            step("HELO " + s.heloName() + "\r\n", "HELO", 250);
            step("MAIL FROM:" + angle(s.from()) + "\r\n", "MAIL", 250);
            for (String to : s.recipients()) {
                step("RCPT TO:" + angle(to) + "\r\n", "RCPT", 250);
            }
            step("DATA\r\n", "DATA", 354);
            step(message(s, alert, now), "BODY", 250);
            write("QUIT\r\n");
            // keepalived waits for 221 but the alert is already accepted: a missing 221 is not a failure.
            try {
                reply();
            } catch (IOException ignored) {
                // The server closing without 221 changes nothing for the delivered alert.
            }
        }

        private void step(String command, String name, int expected) throws IOException, Failure {
            write(command);
            expect(name, expected);
        }

        private void expect(String name, int expected) throws IOException, Failure {
            int code;
            try {
                code = reply();
            } catch (SocketTimeoutException e) {
                quietQuit();
                throw new Failure("Timeout reading data to remote SMTP server " + s.display() + ".");
            }
            if (code < 0) {
                throw new Failure("Remote SMTP server " + s.display() + " has closed the connection.");
            }
            if (code != expected) {
                quietQuit();
                throw new Failure("Error processing " + name + " cmd on SMTP server " + s.display()
                        + ". SMTP status code = " + code);
            }
        }

        private void quietQuit() {
            try {
                write("QUIT\r\n");
            } catch (IOException ignored) {
                // Best effort, as keepalived's QUIT after an error: the failure is already reported.
            }
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Reads one reply (to its last line) and returns its code; -1 at end of stream. */
        private int reply() throws IOException {
            while (true) {
                String line = line();
                if (line == null) {
                    return -1;
                }
                if (line.length() >= 4 && line.charAt(3) == '-') {
                    continue;
                }
                if (line.length() < 3) {
                    return 0;
                }
                try {
                    return Integer.parseInt(line.substring(0, 3));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                if (sb.length() < 1024) { // keepalived's SMTP_BUFFER_MAX
                    sb.append((char) c);
                }
            }
            return null;
        }
    }
}
