package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.Root;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NetworkInterfacesTest {

    @Test
    void loopbackIsIndexOneWithAnAllZeroMac() throws Exception {
        // The kernel gives lo index 1 in every namespace (net/core/dev.c: loopback registers first).
        assertThat(NetworkInterfaces.index("lo")).isEqualTo(1);
        assertThat(NetworkInterfaces.name(1)).isEqualTo("lo");
        assertThat(NetworkInterfaces.mac("lo")).isEqualTo(new byte[6]);
    }

    @Test
    void answersComeFromTheNamespaceTheThreadIsIn() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (VethLab lab = VethLab.create()) {
            Cmd.run("ip", "-n", lab.nsA, "addr", "add", "10.79.0.11/24", "dev", lab.ifA); // a secondary
            String ipLink = Cmd.run("ip", "-n", lab.nsA, "-o", "link", "show", lab.ifA);
            int expectedIndex = Integer.parseInt(ipLink.substring(0, ipLink.indexOf(':')));

            assertThat(lab.inA(() -> NetworkInterfaces.index(lab.ifA))).isEqualTo(expectedIndex);
            assertThat(lab.inA(() -> NetworkInterfaces.name(expectedIndex))).isEqualTo(lab.ifA);
            assertThat(lab.inA(() -> HexFormat.ofDelimiter(":").formatHex(NetworkInterfaces.mac(lab.ifA))))
                    .isEqualTo("02:00:00:79:00:01");
            assertThat(lab.inA(() -> NetworkInterfaces.primaryIpv4(lab.ifA))).contains((Inet4Address) VethLab.A4);
            assertThat(lab.inA(() -> NetworkInterfaces.ipv6LinkLocal(lab.ifA)))
                    .hasValueSatisfying(a -> {
                        assertThat((InetAddress) a).isEqualTo(InetAddress.ofLiteral("fe80::ff:fe79:1"));
                        assertThat(a.getScopeId()).isEqualTo(expectedIndex);
                    });
            assertThat(lab.inA(() -> NetworkInterfaces.ipv6Forwarding(lab.ifA))).isFalse();
            // B's interface is not visible from A, nor A's from the host.
            assertThat(lab.inA(() -> NetworkInterfaces.primaryIpv4(lab.ifB))).isEmpty();
            assertThat(NetworkInterfaces.ipv6LinkLocal(lab.ifA)).isEmpty();
        }
    }
}
