package io.keepalived4j.daemon;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.syntax.Limits;
import io.keepalived4j.vrrp.engine.VrrpState;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One keepalived4j daemon running in this JVM on a {@link FakeHost}: the whole daemon (loop,
 * supervisor, receive threads, VIP handling, trackers, notifications) with an in-memory OS.
 */
final class InProcessNode implements AutoCloseable {

    /** A VRRPv3 instance at advert_int 0.1 on eth0, VRID 51, VIP 10.0.0.100/24, with {@code extra} lines. */
    static String config(int priority, String extraInstance, String extraTop) {
        return """
                global_defs {
                    router_id %s
                    vrrp_version 3
                }
                %s
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority %d
                    advert_int 0.1
                    virtual_ipaddress {
                        10.0.0.100/24
                    }
                    %s
                }
                """.formatted("node" + priority, extraTop, priority, extraInstance);
    }

    static KeepalivedConfig load(String text) {
        var r = ConfigLoader.loadText("in-process.conf", text, new LoadOptions("test", Limits.DEFAULT, 0));
        assertThat(r.model()).as("config loads: " + r.diagnostics().all()).isNotNull();
        return r.model();
    }

    final FakeHost host;
    final VrrpDaemon daemon;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("Keepalived_vrrp");

    InProcessNode(FakeLan lan, String name, String address, String configText, FaultHooks faults) throws IOException {
        this.host = new FakeHost(name, lan).withInterface("eth0", address);
        log.start();
        logger.addAppender(log);
        this.daemon = VrrpDaemon.start(load(configText), DaemonSettings.defaults(), host, faults);
    }

    VrrpState state() {
        return daemon.status().getFirst().state();
    }

    /** Waits for the state and, for MASTER, the VIP on the interface (added right after the state change). */
    void awaitState(VrrpState s, Duration within) {
        await(() -> state() == s && (s != VrrpState.MASTER || !vips().isEmpty()), within, host.name() + " in " + s);
    }

    /** The VIP where it is now, on any interface (eth0, or the VMAC). */
    List<String> vips() {
        return host.kernel().linkNames().stream().flatMap(l -> host.kernel().addressesOn(l).stream())
                .filter(a -> a.startsWith("10.0.0.100")).toList();
    }

    /** Log lines of this JVM's daemons since this node started (both nodes log to one logger). */
    List<String> logLines() {
        // AppenderBase.doAppend holds the appender's lock while it adds: read under it too.
        synchronized (log) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    static void await(BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            daemon.stop();
        } finally {
            logger.detachAppender(log);
        }
    }
}
