package io.keepalived4j.lb.ipvs;

import io.keepalived4j.testsupport.IpvsVm;
import io.keepalived4j.testsupport.IpvsadmListing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back end's netlink client on a real kernel's IPVS (Debian's kernel in the VM, lab/ipvs-vm):
 * what keepalived4j creates, Debian's ipvsadm reads back field by field; what ipvsadm creates,
 * {@code keepalived4j lvs --kernel} lists exactly as ipvsadm does; timeouts and sync daemons both
 * ways. One boot, three JVM starts.
 */
class IpvsKernelVmTest {

    private static final String GUEST = """
            ip link add sync0 type dummy && ip link set sync0 multicast on && ip link set sync0 up
            ip addr add 10.99.0.1/24 dev sync0
            echo K4J_SECTION program
            $K4J_PROBE program 2>&1; echo "exit $?"
            echo K4J_SECTION ipvsadm-after-program
            ipvsadm -Ln
            echo K4J_SECTION thresholds
            ipvsadm -Ln --thresholds -t 10.77.0.1:80
            echo K4J_SECTION timeout
            ipvsadm -L --timeout
            echo K4J_SECTION daemon
            ipvsadm -L --daemon
            echo K4J_SECTION read
            $K4J_PROBE stop-daemons >/dev/null 2>&1
            ipvsadm -C
            ipvsadm -A -t 10.88.0.1:80 -s lblcr -p 120 -M 255.255.0.0
            ipvsadm -a -t 10.88.0.1:80 -r 10.88.1.1:8080 -m -w 4
            ipvsadm -a -t 10.88.0.1:80 -r 10.88.1.2:8080 -m -w 0
            ipvsadm -A -u [2001:db8:88::1]:53 -s dh -o
            ipvsadm -a -u [2001:db8:88::1]:53 -r [2001:db8:88::2]:53 -g
            ipvsadm -A -f 33 -s ovf
            ipvsadm -a -f 33 -r 10.88.2.1 -i -w 2
            ipvsadm --set 700 70 170
            ipvsadm --start-daemon backup --mcast-interface sync0 --syncid 44
            $K4J_PROBE read 2>&1; echo "exit $?"
            echo K4J_SECTION ipvsadm-listing
            ipvsadm -Ln
            echo K4J_SECTION keepalived4j-listing
            $K4J_DAEMON lvs --kernel 2>&1
            ipvsadm -C
            ipvsadm -A -t 10.66.0.9:443 -s lc
            ipvsadm -a -t 10.66.0.9:443 -r 10.66.1.9:443 -m
            ipvsadm -A -t 10.66.0.1:80 -s wlc
            ipvsadm -a -t 10.66.0.1:80 -r 10.66.1.1:80 -g -w 9
            ipvsadm -a -t 10.66.0.1:80 -r 10.66.1.99:80 -g -w 1
            $K4J_DAEMON -C -n -l -f /etc/keepalived/reconcile.conf --data-plane ipvs >/tmp/r.log 2>&1 &
            pid=$!
            i=0
            while [ $i -lt 300 ] && ! ipvsadm -Ln | grep -q "10.66.1.2:80"; do sleep 0.2; i=$((i + 1)); done
            sleep 1
            echo K4J_SECTION reconciled
            ipvsadm -Ln
            kill $pid
            i=0
            while [ $i -lt 100 ] && kill -0 $pid 2>/dev/null; do sleep 0.2; i=$((i + 1)); done
            echo K4J_SECTION after-stop
            ipvsadm -Ln
            echo K4J_SECTION reconcile-log
            cat /tmp/r.log
            """;

    private static final String RECONCILE = """
            virtual_server 10.66.0.1 80 {
                lvs_sched rr
                lvs_method DR
                protocol TCP
                real_server 10.66.1.1 80 {
                    weight 2
                }
                real_server 10.66.1.2 80 {
                    weight 1
                }
            }
            """;

    @Test
    void whatEitherSideWritesTheOtherReads() {
        IpvsVm.assumeAvailableOrFailOnCi();
        String probe = IpvsVm.javaCommandLine().replace(IpvsVm.MAIN, IpvsVmProbe.class.getName());

        IpvsVm.Result vm = IpvsVm.script(GUEST).shareTestJvm().env("K4J_PROBE", probe)
                .file("/etc/keepalived/reconcile.conf", RECONCILE)
                .timeLimit(Duration.ofSeconds(200)).run();

        assertThat(vm.guestExit()).as(vm.output()).hasValue(0);
        assertThat(vm.section("program")).as(vm.output()).contains("REFUSED errno 17", "ROWS 6", "PROBE ok", "exit 0");

        // keepalived4j wrote, ipvsadm reads.
        IpvsadmListing t = IpvsadmListing.parse(vm.section("ipvsadm-after-program"));
        assertThat(t.byKey().keySet()).containsExactlyInAnyOrder("TCP 10.77.0.1:80", "UDP 10.77.0.1:53", "FWM 9",
                "FWM 10 IPv6", "TCP [2001:db8:77::1]:443", "SCTP 10.77.0.2:3868");
        assertThat(t.byKey().get("SCTP 10.77.0.2:3868").header()).isEqualTo("SCTP 10.77.0.2:3868 nq");
        assertThat(t.byKey().get("SCTP 10.77.0.2:3868").destinationEndpoints()).containsExactly("10.77.4.1:3868");
        IpvsadmListing.Service web = t.byKey().get("TCP 10.77.0.1:80");
        assertThat(web.header()).isEqualTo("TCP 10.77.0.1:80 wrr persistent 300 mask 255.255.255.0");
        assertThat(web.destinationEndpoints()).containsExactlyInAnyOrder("10.77.1.1:80", "10.77.1.2:8080");
        assertThat(web.destination("10.77.1.1:80").orElseThrow().weight()).isZero();
        assertThat(web.destination("10.77.1.1:80").orElseThrow().forward()).isEqualTo(IpvsadmListing.Forward.ROUTE);
        assertThat(web.destination("10.77.1.2:8080").orElseThrow().forward()).isEqualTo(IpvsadmListing.Forward.MASQ);
        assertThat(t.byKey().get("UDP 10.77.0.1:53").header()).isEqualTo("UDP 10.77.0.1:53 sh (sh-fallback,sh-port) ops");
        IpvsadmListing.Service fwm = t.byKey().get("FWM 9");
        assertThat(fwm.destination("10.77.3.1:0").orElseThrow().forward()).isEqualTo(IpvsadmListing.Forward.TUNNEL);
        assertThat(fwm.destination("10.77.3.1:0").orElseThrow().weight()).isEqualTo(5);
        assertThat(t.byKey().get("FWM 10 IPv6").header()).isEqualTo("FWM 10 IPv6 mh (mh-fallback)");
        assertThat(t.byKey().get("TCP [2001:db8:77::1]:443").header())
                .isEqualTo("TCP [2001:db8:77::1]:443 wlc persistent 60 mask 64");
        assertThat(t.byKey().get("TCP [2001:db8:77::1]:443").destination("[2001:db8:77::31]:443").orElseThrow().weight())
                .isEqualTo(7);
        // Thresholds, "-> RemoteAddress:Port Uthreshold Lthreshold ActiveConn InActConn"
        assertThat(vm.section("thresholds")).as(vm.output())
                .anySatisfy(l -> assertThat(l.strip()).matches("->\\s+10\\.77\\.1\\.2:8080\\s+100\\s+50\\s+0\\s+0"))
                .anySatisfy(l -> assertThat(l.strip()).matches("->\\s+10\\.77\\.1\\.1:80\\s+0\\s+0\\s+0\\s+0"));
        assertThat(vm.section("timeout")).containsExactly("Timeout (tcp tcpfin udp): 600 60 120");
        List<String> daemons = vm.section("daemon");
        assertThat(daemons).hasSize(2);
        assertThat(daemons.get(0)).startsWith("master sync daemon (mcast=sync0, syncid=9,")
                .contains("group=224.0.0.81, port=8848, ttl=1)");
        assertThat(daemons.get(1)).startsWith("backup sync daemon (mcast=sync0, syncid=9,")
                .contains("group=239.7.7.7, port=8849, ttl=2)");

        // ipvsadm wrote, keepalived4j reads: the settings, and the table listed as ipvsadm lists it.
        assertThat(vm.section("read")).as(vm.output()).contains("TIMEOUTS 700 70 170", "PROBE ok", "exit 0")
                .anySatisfy(l -> assertThat(l).startsWith("DAEMON BACKUP sync0 44 ").endsWith(" 8848 1 224.0.0.81"));
        IpvsadmListing theirs = IpvsadmListing.parse(vm.section("ipvsadm-listing"));
        IpvsadmListing ours = IpvsadmListing.parse(vm.section("keepalived4j-listing"));
        assertThat(theirs.services()).hasSize(3);
        assertThat(IpvsadmListing.differences(theirs, ours)).as(vm.output()).isEmpty();
        assertThat(vm.section("keepalived4j-listing")).as("character for character").isEqualTo(vm.section("ipvsadm-listing"));

        // The daemon starts on a table that has entries: someone else's service stays untouched;
        // the configured one, left by a previous run with another scheduler, a wrong weight and a
        // server the configuration no longer has, is converged in place; the stop removes it only.
        IpvsadmListing reconciled = IpvsadmListing.parse(vm.section("reconciled"));
        assertThat(reconciled.byKey().keySet()).as(vm.output()).containsExactlyInAnyOrder("TCP 10.66.0.9:443", "TCP 10.66.0.1:80");
        assertThat(reconciled.byKey().get("TCP 10.66.0.9:443").header()).isEqualTo("TCP 10.66.0.9:443 lc");
        assertThat(reconciled.byKey().get("TCP 10.66.0.9:443").destinationEndpoints()).containsExactly("10.66.1.9:443");
        IpvsadmListing.Service converged = reconciled.byKey().get("TCP 10.66.0.1:80");
        assertThat(converged.header()).isEqualTo("TCP 10.66.0.1:80 rr");
        assertThat(converged.destinations()).extracting(d -> d.endpoint() + " " + d.forward() + " " + d.weight())
                .containsExactlyInAnyOrder("10.66.1.1:80 ROUTE 2", "10.66.1.2:80 ROUTE 1");
        IpvsadmListing afterStop = IpvsadmListing.parse(vm.section("after-stop"));
        assertThat(afterStop.byKey().keySet()).as(vm.output()).containsExactly("TCP 10.66.0.9:443");
        assertThat(vm.section("reconcile-log")).noneSatisfy(l -> assertThat(l).contains("IPVS:"));
    }
}
