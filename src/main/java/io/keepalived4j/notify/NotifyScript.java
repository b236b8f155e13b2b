package io.keepalived4j.notify;

import io.keepalived4j.os.process.RunAs;

import java.util.ArrayList;
import java.util.List;

/**
 * One notify script ready to run: its argv (split as keepalived splits it) and identity.
 *
 * @param argv  the command words, executable first
 * @param runAs who runs it
 */
public record NotifyScript(List<String> argv, RunAs runAs) {

    public NotifyScript {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty notify script");
        }
    }

    /** argv with extra arguments appended (the generic notify's INSTANCE NAME STATE PRIO). */
    public List<String> withArguments(List<String> extra) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(extra);
        return List.copyOf(all);
    }
}
