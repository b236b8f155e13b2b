package io.keepalived4j.lb.ipvs;

import io.keepalived4j.testsupport.IpvsCompareRun;
import io.keepalived4j.testsupport.IpvsVm;
import io.keepalived4j.testsupport.IpvsadmListing;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keepalived 2.2.7 is the reference: in one boot of the IPVS VM, keepalived and then keepalived4j
 * (checker process, {@code -C}, {@code --data-plane ipvs}) run the comparison configuration
 * (src/test/resources/ipvs/compare/keepalived.conf: the virtual servers of seeds 000, 001 and 003, a
 * group with a range and a fwmark, a fwmark service, IPv6, a sorry server, inhibit_on_failure and
 * quorum) against the same real servers (busybox httpd in the guest), and Debian's {@code ipvsadm -Ln}
 * lists the same table for both after the start, after three real servers stop, after they return
 * and after the daemon stops (lab/ipvs-vm/compare.sh; parsed field by field, counters aside).
 */
class IpvsCompareVmTest {

    @Test
    void keepalived4jLeavesTheKernelTableKeepalivedLeaves() {
        IpvsVm.assumeAvailableOrFailOnCi();

        IpvsVm.Result vm = IpvsVm.scriptFile(Path.of("lab/ipvs-vm/compare.sh"))
                .shareTestJvm()
                .file("/etc/keepalived/compare.conf", Path.of("src/test/resources/ipvs/compare/keepalived.conf"))
                .env("K4J_DAEMONS", "keepalived keepalived4j")
                .env("K4J_DAEMON_keepalived4j", IpvsVm.javaCommandLine())
                .env("K4J_START_WAIT", "150")
                .timeLimit(Duration.ofSeconds(420))
                .run();

        IpvsCompareRun run = IpvsCompareRun.parse(vm.lines());
        assertThat(run.daemons()).as(vm.output()).containsExactly("keepalived", "keepalived4j");
        for (String phase : IpvsCompareRun.PHASES) {
            IpvsadmListing theirs = run.table("keepalived", phase);
            IpvsadmListing ours = run.table("keepalived4j", phase);
            assertThat(IpvsadmListing.differences(theirs, ours))
                    .as("%s: keepalived 2.2.7 vs keepalived4j; events %s; keepalived4j log %s", phase,
                            run.events("keepalived4j"), run.log("keepalived4j"))
                    .isEmpty();
        }
        assertThat(run.table("keepalived4j", "start").services()).hasSize(11);
        assertThat(run.table("keepalived4j", "stopped").isEmpty()).isTrue();
        assertThat(vm.guestExit()).as(String.join("\n", run.events("keepalived4j"))).hasValue(0);
    }
}
