package io.keepalived4j.lb.ipvs;

import io.keepalived4j.lb.DataPlaneChoice;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The choice of data plane on the test host's own kernel. The development and CI machines have no
 * ip_vs (the VM tests cover a kernel that has it): {@code --data-plane ipvs} then says why it
 * cannot start, {@code auto} falls back to the proxy, and opening the generic netlink family fails
 * with ENOENT and a hint, never a hang. On a host that has IPVS the same test checks the opposite.
 */
class IpvsOnThisHostTest {

    private final boolean ipvsHere = Files.exists(Path.of("/proc/net/ip_vs"));

    @Test
    void theChoiceFollowsWhatTheKernelHas() throws Exception {
        if (ipvsHere) {
            assertThat(DataPlaneChoice.IPVS.unavailable()).isEmpty();
            assertThat(DataPlaneChoice.AUTO.resolve()).isEqualTo(DataPlaneChoice.IPVS);
            try (GenlIpvsKernel k = GenlIpvsKernel.open()) {
                assertThat(k.info().versionText()).matches("\\d+\\.\\d+\\.\\d+");
            }
            return;
        }
        assertThat(DataPlaneChoice.IPVS.unavailable()).hasValueSatisfying(why ->
                assertThat(why).startsWith("--data-plane ipvs: this kernel has no IPVS (/proc/net/ip_vs is missing"));
        assertThat(DataPlaneChoice.AUTO.resolve()).isEqualTo(DataPlaneChoice.PROXY);
        assertThat(DataPlaneChoice.AUTO.likelyIpvs()).isFalse();
        assertThat(DataPlaneChoice.PROXY.resolve()).isEqualTo(DataPlaneChoice.PROXY);
        assertThatThrownBy(GenlIpvsKernel::open).isInstanceOf(IpvsException.class)
                .hasMessageContaining("this kernel has no IPVS")
                .satisfies(e -> assertThat(((IpvsException) e).errno()).isEqualTo(IpvsException.ENOENT));
    }
}
