package io.keepalived4j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.lab.Lab;
import io.keepalived4j.testsupport.lab.LabHost;
import io.keepalived4j.testsupport.lab.LabTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The IPVS VM on a lab segment ({@link Lab#addTap()}): qemu runs in the lab's switch namespace
 * with its NIC on a tap of the lab's bridge, the guest's eth0 gets a lab address, pings a lab
 * host and exchanges a line over TCP with a listener there, which sees the guest's address.
 */
class IpvsVmNetworkTest {

    private static final int PORT = 7777;

    // One connection: prints "LISTENING", then "FROM <peer address> <line>" and answers "ack <line>".
    private static final String LISTENER = """
            import socket
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(('0.0.0.0', %d))
            s.listen(1)
            s.settimeout(90)
            print('LISTENING', flush=True)
            c, peer = s.accept()
            c.settimeout(20)
            data = b''
            while not data.endswith(b'\\n'):
                chunk = c.recv(1024)
                if not chunk:
                    break
                data += chunk
            line = data.decode().strip()
            print('FROM %%s %%s' %% (peer[0], line), flush=True)
            c.sendall(('ack ' + line + '\\n').encode())
            c.close()
            """.formatted(PORT);

    private static final String GUEST = """
            ip -o link | grep -c . | sed 's/^/links /'
            ip link set eth0 up && ip addr add $GUEST_ADDR/24 dev eth0
            echo K4J_SECTION ping
            ping -c 3 -W 3 $PEER_ADDR; echo "exit $?"
            echo K4J_SECTION tcp
            echo "hello from $(hostname)" | nc -w 10 $PEER_ADDR $PEER_PORT; echo "exit $?"
            """;

    @Test
    void guestOnALabTapReachesALabHostOverIcmpAndTcp() throws Exception {
        Root.assumeRootOrFailOnCi();
        LabTools.assumeInstalledOrFailOnCi(LabTools.LAB);
        IpvsVm.assumeAvailableOrFailOnCi();

        try (Lab lab = Lab.create("client")) {
            LabHost client = lab.host("client");
            String tap = lab.addTap();
            Inet4Address guest = lab.guest4(1);
            Process listener = new ProcessBuilder("ip", "netns", "exec", client.namespace(), "python3", "-c", LISTENER)
                    .redirectErrorStream(true).start();
            List<String> heard = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("LISTENING");

                IpvsVm.Result vm = IpvsVm.script(GUEST)
                        .netns(lab.switchNamespace())
                        .tap(tap)
                        .env("GUEST_ADDR", guest.getHostAddress())
                        .env("PEER_ADDR", client.address4().getHostAddress())
                        .env("PEER_PORT", Integer.toString(PORT))
                        .timeLimit(Duration.ofSeconds(60))
                        .run();

                assertThat(listener.waitFor(10, TimeUnit.SECONDS)).as("listener finished; " + vm.output()).isTrue();
                for (String line; (line = out.readLine()) != null; ) {
                    heard.add(line);
                }
                assertThat(vm.guestExit()).as(vm.output()).hasValue(0);
                // lo and eth0: the NIC on the tap, nothing else (dummy is loaded with numdummies=0).
                assertThat(vm.lines()).as(vm.output()).contains("links 2");
                assertThat(vm.section("ping")).as(vm.output())
                        .contains("3 packets transmitted, 3 packets received, 0% packet loss", "exit 0");
                assertThat(vm.section("tcp")).as(vm.output()).containsExactly("ack hello from k4j-guest", "exit 0");
                assertThat(heard).as(vm.output()).containsExactly("FROM " + guest.getHostAddress() + " hello from k4j-guest");
                assertThat(client.neighbourMac(guest)).as("the client learnt the guest's MAC").isPresent();
            } finally {
                listener.destroyForcibly();
                listener.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
