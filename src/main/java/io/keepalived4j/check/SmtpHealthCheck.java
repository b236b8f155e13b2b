package io.keepalived4j.check;

import io.keepalived4j.config.model.IpText;
import io.keepalived4j.config.model.lvs.ConnectionOptions;
import io.keepalived4j.config.model.lvs.SmtpCheck;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code SMTP_CHECK} as keepalived 2.2.7's check_smtp.c runs it: connect, read the greeting and
 * expect status 220, send {@code HELO <helo_name>}, expect 250, send {@code QUIT} and read one more
 * line, whatever it says (2.2.7 does not look at the QUIT reply's status, so neither do we).
 *
 * <pre>{@code
 * HealthCheck smtp = new SmtpHealthCheck(config, "[10.0.0.2]:tcp:25");
 * CheckResult r = smtp.attempt();   // Down("SMTP_CHECK Bad HELO response from server [10.0.0.2]:25")
 * }</pre>
 *
 * <p>A status is read as smtp_get_status() does: the line's first three characters, followed by a
 * blank or nothing. {@code 220 mail.example.org} passes; a multi-line greeting ({@code 220-...})
 * and a bare {@code 220} followed by CR LF fail, in 2.2.7 too. Replies are read line by line in
 * order; 2.2.7 throws away whatever came in the same read after the line it waited for, so a server
 * that sends lines nobody asked for can be judged differently (here an extra line is taken for the
 * next reply).
 *
 * <p><b>Time.</b> The connection must be made within connect_timeout, then each of the three
 * replies must be complete within connect_timeout of when we start waiting for it: an attempt
 * lasts at most 4 x connect_timeout, whatever the server does. 2.2.7 restarts its read timer at
 * every read, so a server trickling a byte a second keeps it waiting for ever; here the clock does
 * not restart. The two commands (under 512 bytes each) go into an empty socket send buffer and do
 * not block.
 *
 * <p><b>Memory.</b> A reply line may be 512 bytes with its line end (RFC 5321 section 4.5.3.1.5,
 * and 2.2.7's SMTP_BUFF_MAX); a longer one fails the attempt ({@code SMTP_CHECK Buffer overflow
 * reading from server [10.0.0.2]:25 (no end of line within 512 bytes in the greeting)}), where
 * 2.2.7 logs its overflow line, clears its buffer and reads on.
 *
 * <p><b>Lines.</b> Failures are 2.2.7's smtp_final() messages with its {@code SMTP_CHECK } prefix;
 * they name the connect address as {@code [ip]:port}. The failure that takes the check down is
 * logged even without log_all_failures and there is no separate down line; the success line is
 * {@code Remote SMTP server [10.0.0.2]:tcp:25 succeed on service.}
 */
public final class SmtpHealthCheck implements HealthCheck {

    /** The longest reply line accepted, line end included. */
    static final int MAX_LINE = 512;
    private static final String PREFIX = "SMTP_CHECK ";

    private static final byte[] QUIT = "QUIT\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ConnectionOptions connection;
    private final String server;
    private final String target;
    private final byte[] helo;

    /**
     * @param config the checker's configuration
     * @param server keepalived's FMT_CHK text of the real server, e.g. {@code [10.0.0.2]:tcp:25}
     */
    public SmtpHealthCheck(SmtpCheck config, String server) {
        this.connection = config.connection();
        this.server = server;
        this.target = SockaddrText.pair(connection.address(), connection.port());
        // 2.2.7 formats the command into its 512-byte buffer with snprintf: a longer one is cut.
        byte[] line = ("HELO " + config.heloName() + "\r\n").getBytes(StandardCharsets.UTF_8);
        this.helo = line.length < MAX_LINE ? line : Arrays.copyOf(line, MAX_LINE - 1);
    }

    @Override
    public CheckResult attempt() throws InterruptedException {
        Socket socket;
        try {
            socket = Connector.connect(connection);
        } catch (IOException | RuntimeException e) {
            interruptedCheck();
            return failed(connectFailure(e));
        }
        try {
            return converse(socket);
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // The attempt's outcome is known; a failing close changes nothing in it.
            }
        }
    }

    private CheckResult converse(Socket socket) throws InterruptedException {
        long timeout = connection.connectTimeout().toNanos();
        String stage = "the greeting";
        try {
            BoundedLineReader in = new BoundedLineReader(socket, MAX_LINE);
            OutputStream out = socket.getOutputStream();
            if (status(in.readLine(System.nanoTime() + timeout)) != 220) {
                return failed("Bad greeting banner from server " + target);
            }
            stage = "the HELO reply";
            if (!write(out, helo)) {
                interruptedCheck();
                return failed("Write failure to server " + target);
            }
            if (status(in.readLine(System.nanoTime() + timeout)) != 250) {
                return failed("Bad HELO response from server " + target);
            }
            stage = "the QUIT reply";
            if (!write(out, QUIT)) {
                interruptedCheck();
                return failed("Write failure to server " + target);
            }
            in.readLine(System.nanoTime() + timeout);
            return CheckResult.up();
        } catch (SocketTimeoutException e) {
            interruptedCheck();
            return failed("Read timeout from server " + target);
        } catch (BoundedLineReader.LineTooLongException e) {
            return failed("Buffer overflow reading from server " + target + " (" + e.getMessage() + " in "
                    + stage + ")");
        } catch (IOException e) {
            interruptedCheck();
            return failed("Read failure from server " + target);
        } catch (RuntimeException e) {
            return failed("Read failure from server " + target + " (" + e + ")");
        }
    }

    private static boolean write(OutputStream out, byte[] line) {
        try {
            out.write(line);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * smtp_get_status(): strtoul() must stop after exactly three characters, at a blank or the end
     * of the line; -1 otherwise. (Its leading-blank and sign handling cannot produce 220 or 250 in
     * three characters, so digits are all that matters here.)
     */
    static int status(String line) {
        if (line.length() < 3 || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '\0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    // check_smtp.c smtp_check_thread() / smtp_connect_thread(): which connect result says what.
    private String connectFailure(Exception e) {
        String text = String.valueOf(e.getMessage());
        if (e instanceof SocketTimeoutException || text.contains("timed out")) {
            return "Connection timeout to server " + target;
        }
        if (e instanceof BindException) {
            return "socket bind failed.";
        }
        if (e instanceof SocketException && text.contains("Network is unreachable")) {
            return "Network unreachable for server " + IpText.of(connection.address()) + " - real server "
                    + SockaddrText.pairOf(server);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "Could not connect to server " + target;
        }
        if (e instanceof RuntimeException) {
            return "Error connecting to server " + target + " (" + e + ")";
        }
        return "Error connecting to server " + target;
    }

    private static CheckResult.Down failed(String message) {
        return CheckResult.down(PREFIX + message);
    }

    private static void interruptedCheck() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("SMTP_CHECK attempt interrupted");
        }
    }

    @Override
    public Optional<String> upLine() {
        return Optional.of("Remote SMTP server " + server + " succeed on service.");
    }

    /** None: smtp_final() logs the failure itself ({@link #logsFinalFailure()}). */
    @Override
    public Optional<String> downLine(long retries, CheckResult.Down last) {
        return Optional.empty();
    }

    @Override
    public String upAlert() {
        return "=> CHECK succeed on service <=";
    }

    /** {@code => CHECK failed on service : Bad HELO response from server [10.0.0.2]:25 <=} */
    @Override
    public String downAlert(CheckResult.Down last) {
        String message = last.line().startsWith(PREFIX) ? last.line().substring(PREFIX.length()) : last.line();
        return "=> CHECK failed on service : " + message + " <=";
    }

    @Override
    public boolean logsFinalFailure() {
        return true;
    }
}
