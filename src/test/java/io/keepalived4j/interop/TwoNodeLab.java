package io.keepalived4j.interop;

import io.keepalived4j.testsupport.Root;
import io.keepalived4j.testsupport.lab.KeepalivedProcess;
import io.keepalived4j.testsupport.lab.Lab;
import io.keepalived4j.testsupport.lab.LabTools;
import io.keepalived4j.testsupport.lab.LabHost;
import io.keepalived4j.testsupport.lab.VipWatcher;
import io.keepalived4j.testsupport.lab.VrrpNode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The interop topology: hosts lb1 and lb2 running VRRP for one VIP, and a client on the same
 * bridge, with a {@link VipWatcher} started before any daemon. Closes nodes, watcher and lab,
 * in that order, whatever fails.
 */
final class TwoNodeLab implements AutoCloseable {

    final Lab lab;
    final LabHost lb1Host;
    final LabHost lb2Host;
    final LabHost client;
    final InetAddress vip;
    final VipWatcher watcher;
    final VrrpNode lb1;
    final VrrpNode lb2;

    private TwoNodeLab(Lab lab, InetAddress vip, VipWatcher watcher, VrrpNode lb1, VrrpNode lb2) {
        this.lab = lab;
        this.lb1Host = lab.host("lb1");
        this.lb2Host = lab.host("lb2");
        this.client = lab.host("client");
        this.vip = vip;
        this.watcher = watcher;
        this.lb1 = lb1;
        this.lb2 = lb2;
    }

    /** Skips (aborts) the test without root or keepalived, tcpdump, python3; fails instead on CI. */
    static void assumeRunnable() {
        Root.assumeRootOrFailOnCi();
        List<String> programs = new ArrayList<>(LabTools.LAB);
        programs.add(KeepalivedProcess.BINARY.toString());
        LabTools.assumeInstalledOrFailOnCi(programs);
    }

    /**
     * Builds the lab; {@code config} turns (lab, host name, priority) into the node's config.
     * Nodes are created, not started.
     */
    static TwoNodeLab create(NodeFactory lb1Kind, NodeFactory lb2Kind, Function<Lab, InetAddress> vipOf,
            ConfigOf config) {
        return create(lb1Kind, lb2Kind, vipOf, (lab, vip, id, state, prio) -> config.of(vip, id, state, prio));
    }

    /** As above, for configurations that need the lab's addresses (unicast peers). */
    static TwoNodeLab create(NodeFactory lb1Kind, NodeFactory lb2Kind, Function<Lab, InetAddress> vipOf,
            LabConfigOf config) {
        Lab lab = Lab.create("lb1", "lb2", "client");
        List<AutoCloseable> made = new ArrayList<>(List.of(lab));
        try {
            InetAddress vip = vipOf.apply(lab);
            VipWatcher watcher = VipWatcher.start(vip, lab.hosts());
            made.addFirst(watcher);
            VrrpNode lb1 = lb1Kind.create(lab.host("lb1"), config.of(lab, vip, "lb1", "MASTER", 100));
            made.addFirst(lb1);
            VrrpNode lb2 = lb2Kind.create(lab.host("lb2"), config.of(lab, vip, "lb2", "BACKUP", 90));
            return new TwoNodeLab(lab, vip, watcher, lb1, lb2);
        } catch (RuntimeException | Error e) {
            for (AutoCloseable c : made) {
                try {
                    c.close();
                } catch (Exception cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /** Config text for a node. */
    @FunctionalInterface
    interface ConfigOf {
        String of(InetAddress vip, String routerId, String state, int priority);
    }

    /** Config text for a node that depends on the lab (e.g. the other node's address). */
    @FunctionalInterface
    interface LabConfigOf {
        String of(Lab lab, InetAddress vip, String routerId, String state, int priority);
    }

    /**
     * Starts lb1, waits until it alone holds the VIP, then starts lb2 and waits until it is
     * BACKUP: the steady state every failover test begins from.
     */
    void startLb1MasterThenLb2Backup(Duration timeout) {
        lb1.start();
        watcher.awaitSingleHolder(lb1Host, timeout);
        lb2.start();
        lb2.waitForLog("Entering BACKUP STATE", timeout);
        watcher.awaitSingleHolder(lb1Host, timeout);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable c : List.<AutoCloseable>of(lb2, lb1, watcher, lab)) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the interop lab", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
