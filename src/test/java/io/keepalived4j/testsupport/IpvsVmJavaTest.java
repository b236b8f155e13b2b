package io.keepalived4j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JDK and the project's classes run in the IPVS VM (lab/ipvs-vm, {@link IpvsVm}): one boot
 * runs {@code java -version}, the daemon's config test and ipvsadm against the guest's IPVS, and
 * shows that a guest without a tap has no network device.
 * Prints the timings (boot, JVM start, {@code -t}) that lab/ipvs-vm/README.md quotes.
 */
class IpvsVmJavaTest {

    private static final String CONFIG = """
            virtual_server 10.1.1.1 80 {
                lvs_sched rr
                lb_kind NAT
                protocol TCP
                real_server 10.1.1.21 80 {
                    weight 1
                }
            }
            """;

    private static final String GUEST = """
            up() { cut -d' ' -f1 /proc/uptime; }
            since() { echo "$(up) $1" | awk '{printf "%.2f\\n", $1 - $2}'; }
            echo K4J_SECTION links
            ip -o link | cut -d: -f2 | tr -d ' '
            echo K4J_SECTION java-version
            t=$(up); $K4J_JAVA -version 2>&1; echo "exit $?"; echo "seconds $(since $t)"
            echo K4J_SECTION config-test
            t=$(up); $K4J_DAEMON -t -f /etc/keepalived4j/vs.conf 2>&1; echo "exit $?"; echo "seconds $(since $t)"
            echo K4J_SECTION ipvsadm
            ipvsadm -A -t 10.1.1.1:80 -s rr && ipvsadm -a -t 10.1.1.1:80 -r 10.1.1.21:80 -m && ipvsadm -Ln
            """;

    @Test
    void javaAndTheDaemonsConfigTestRunInTheGuestBesideIpvs() {
        IpvsVm.assumeAvailableOrFailOnCi();

        IpvsVm.Result vm = IpvsVm.script(GUEST)
                .shareTestJvm()
                .file("/etc/keepalived4j/vs.conf", CONFIG)
                .timeLimit(Duration.ofSeconds(120))
                .run();

        assertThat(vm.guestExit()).as(vm.output()).hasValue(0);
        // No tap asked for: no network device, not even the dummy0 that loading dummy would make.
        assertThat(vm.section("links")).as(vm.output()).containsExactly("lo");
        assertThat(vm.section("java-version")).as(vm.output())
                .anySatisfy(line -> assertThat(line).contains("(build " + Runtime.version() + ")"))
                .contains("exit 0");
        // The project's parser ran: its diagnostic with the guest path, line and column, its summary.
        assertThat(vm.section("config-test")).as(vm.output()).containsSubsequence(
                "/etc/keepalived4j/vs.conf:3:5: warning: 'lb_kind' is deprecated; use 'lvs_method' [lb_kind NAT]",
                "0 error(s), 1 warning(s), 0 note(s)",
                "exit 0");
        assertThat(vm.section("ipvsadm")).as(vm.output())
                .anySatisfy(line -> assertThat(line.strip()).matches("TCP\\s+10\\.1\\.1\\.1:80 rr"))
                .anySatisfy(line -> assertThat(line.strip()).matches("->\\s+10\\.1\\.1\\.21:80\\s+Masq\\s+1\\s+0\\s+0"));

        System.out.println("IpvsVmJavaTest shares: " + IpvsVm.javaHome() + " " + IpvsVm.classpathShares());
        System.out.printf("IpvsVmJavaTest timings: boot to the guest script %s s, java -version %s s, keepalived4j -t %s s,"
                + " whole run.sh %.1f s%n", bootSeconds(vm), seconds(vm.section("java-version")),
                seconds(vm.section("config-test")), vm.took().toMillis() / 1000.0);
    }

    // "GUEST_START 6.1.0-57-amd64 uptime 2.97"
    private static String bootSeconds(IpvsVm.Result vm) {
        return vm.lines().stream().filter(l -> l.startsWith("GUEST_START ")).map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .findFirst().orElse("?");
    }

    private static String seconds(List<String> section) {
        return section.stream().filter(l -> l.startsWith("seconds ")).map(l -> l.substring(8)).findFirst().orElse("?");
    }
}
