package io.keepalived4j.os.netlink;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generic netlink socket on this host's real kernel: the family lookup the IPVS back end
 * starts with. nlctrl is always there; IPVS is not on this kernel (no ip_vs), and the lookup says
 * so with ENOENT rather than hanging or misreading (the VM captures cover a kernel that has it).
 */
class GenlSocketTest {

    @Test
    void theControllerFamilyResolvesOnTheRealKernel() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.openGeneric()) {
            List<NetlinkMessage> answer = s.request(GenlControlMessages.getFamily("nlctrl"), "CTRL_CMD_GETFAMILY nlctrl");
            assertThat(answer).hasSize(1);
            GenlFamily f = GenlControlMessages.decodeFamily(answer.getFirst());
            assertThat(f.id()).as("GENL_ID_CTRL").isEqualTo(0x10);
            assertThat(f.name()).isEqualTo("nlctrl");
            assertThat(f.multicastGroups()).containsKey("notify");
        }
    }

    @Test
    void aMissingFamilyIsENOENT() throws Exception {
        boolean ipvsHere = Files.exists(Path.of("/proc/net/ip_vs"));
        try (NetlinkSocket s = NetlinkSocket.openGeneric()) {
            if (ipvsHere) {
                GenlFamily ipvs = GenlControlMessages.decodeFamily(
                        s.request(GenlControlMessages.getFamily("IPVS"), "CTRL_CMD_GETFAMILY IPVS").getFirst());
                assertThat(ipvs.name()).isEqualTo("IPVS");
            } else {
                assertThatThrownBy(() -> s.request(GenlControlMessages.getFamily("IPVS"), "CTRL_CMD_GETFAMILY IPVS"))
                        .isInstanceOf(NetlinkException.class)
                        .satisfies(e -> assertThat(((NetlinkException) e).errno()).isEqualTo(NetlinkException.ENOENT));
            }
            assertThatThrownBy(() -> s.request(GenlControlMessages.getFamily("k4j_no_such"), "CTRL_CMD_GETFAMILY"))
                    .isInstanceOf(NetlinkException.class);
        }
    }
}
