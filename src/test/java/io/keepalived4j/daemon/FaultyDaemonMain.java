package io.keepalived4j.daemon;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM main for the fault-injection tests on real sockets: the daemon as
 * {@code keepalived4j -n -l -D -G -P -f CONF -p PID -r VPID} runs it, with one fault armed by a
 * file: {@code FaultyDaemonMain KIND TRIGGER_FILE CONF PID VPID}. Once TRIGGER_FILE exists, KIND
 * happens at the next turn: "loop-error" (an Error in the VRRP loop), "loop-stuck" (a loop task that
 * never returns), "receive-error" (one Error in the receive thread).
 */
public final class FaultyDaemonMain {

    private FaultyDaemonMain() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path trigger = Path.of(args[1]);
        Path conf = Path.of(args[2]);
        KeepalivedConfig config = ConfigLoader.load(conf, LoadOptions.withConfigId(null)).model();
        FaultHooks hooks = new FaultHooks() {
            private volatile boolean fired;

            private boolean due(String wanted) {
                if (!fired && kind.equals(wanted) && Files.exists(trigger)) {
                    fired = true;
                    return true;
                }
                return false;
            }

            @Override
            public void inLoop() {
                if (due("loop-error")) {
                    throw new Error("injected fault in the VRRP loop");
                }
                if (due("loop-stuck")) {
                    while (true) {
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException e) {
                            // never return
                        }
                    }
                }
            }

            @Override
            public void inReceiver(String thread) {
                if (due("receive-error")) {
                    throw new Error("injected fault in " + thread);
                }
            }
        };
        DaemonOptions options = new DaemonOptions(conf, LogOptions.fromFlags(true, true, null, true), Path.of(args[3]),
                Path.of(args[4]), false, "0.1.0", List.of("keepalived4j", "(fault injection: " + kind + ")"),
                DaemonSettings.defaults(), List.of());
        int status = DaemonRunner.run(config, options, hooks);
        DaemonRunner.exitWatchdog(status);
        System.exit(status);
    }
}
