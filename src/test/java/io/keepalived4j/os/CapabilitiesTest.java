package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keepalived4j.testsupport.JavaChild;
import io.keepalived4j.testsupport.Root;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    // Trimmed from a real /proc/self/status of a root shell (kernel 6.18: caps 0..40).
    private static final String ROOT_STATUS = """
            Name:\tcat
            Umask:\t0022
            State:\tR (running)
            Uid:\t0\t0\t0\t0
            CapInh:\t0000000000000000
            CapPrm:\t000001fffeffffff
            CapEff:\t000001fffeffffff
            CapBnd:\t000001fffeffffff
            CapAmb:\t0000000000000000
            NoNewPrivs:\t0
            """;

    @Test
    void rootStatusHasBothNetworkCapabilities() {
        Capabilities caps = Capabilities.parseStatus(ROOT_STATUS);

        assertThat(caps.effective()).isEqualTo(0x1fffeffffffL);
        assertThat(caps.hasNetRaw()).isTrue();
        assertThat(caps.hasNetAdmin()).isTrue();
        caps.requireVrrpPrivileges();
    }

    @Test
    void onlyNetRawAndNetAdminAreEnough() {
        // 0x3000 = bits 12 and 13: what AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN grants.
        Capabilities caps = Capabilities.parseStatus(ROOT_STATUS.replace("CapEff:\t000001fffeffffff", "CapEff:\t0000000000003000"));

        assertThat(caps.hasNetRaw()).isTrue();
        assertThat(caps.hasNetAdmin()).isTrue();
        assertThat(caps.has(0)).as("cap_chown").isFalse();
        caps.requireVrrpPrivileges();
    }

    @Test
    void missingNetRawIsRefusedNamingIt() {
        Capabilities caps = Capabilities.parseStatus("CapEff:\t0000000000001000\n");

        assertThat(caps.hasNetRaw()).isFalse();
        assertThat(caps.hasNetAdmin()).isTrue();
        assertThatThrownBy(caps::requireVrrpPrivileges)
                .isInstanceOf(Capabilities.MissingPrivilegesException.class)
                .hasMessage("keepalived4j needs root or CAP_NET_RAW and CAP_NET_ADMIN to send VRRP and manage "
                        + "addresses (effective capabilities: 0000000000001000, missing cap_net_raw)");
    }

    @Test
    void unprivilegedUserIsRefusedNamingBoth() {
        Capabilities caps = Capabilities.parseStatus("Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n");

        assertThatThrownBy(caps::requireVrrpPrivileges)
                .hasMessageEndingWith("(effective capabilities: 0000000000000000, missing cap_net_raw, cap_net_admin)");
    }

    @Test
    void statusWithoutCapEffIsRejected() {
        assertThatThrownBy(() -> Capabilities.parseStatus("Name:\tjava\nCapPrm:\t0\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no CapEff");
        assertThatThrownBy(() -> Capabilities.parseStatus("CapEff:\tzz\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed CapEff");
    }

    @Test
    void rootTestJvmHasBoth() {
        Root.assumeRootOrFailOnCi();
        Capabilities caps = Capabilities.current();

        assertThat(caps.hasNetRaw()).isTrue();
        assertThat(caps.hasNetAdmin()).isTrue();
    }

    @Test
    void processWithoutNetCapabilitiesIsRefusedForReal() {
        Root.assumeRootOrFailOnCi();
        // setpriv drops both from the bounding set, so the exec'd root JVM never gets them.
        try (JavaChild child = JavaChild.start(List.of("setpriv", "--bounding-set=-net_raw,-net_admin"), CapabilitiesProbe.class)) {
            assertThat(child.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(child.output())
                    .contains("NET_RAW=false NET_ADMIN=false")
                    .contains("REFUSED: keepalived4j needs root or CAP_NET_RAW and CAP_NET_ADMIN")
                    .contains("missing cap_net_raw, cap_net_admin)");
        }
    }

    @Test
    void processWithoutOnlyNetAdminIsRefusedForReal() {
        Root.assumeRootOrFailOnCi();
        try (JavaChild child = JavaChild.start(List.of("setpriv", "--bounding-set=-net_admin"), CapabilitiesProbe.class)) {
            assertThat(child.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(child.output()).contains("NET_RAW=true NET_ADMIN=false").contains("missing cap_net_admin)");
        }
    }
}
