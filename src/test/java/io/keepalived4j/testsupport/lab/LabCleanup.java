package io.keepalived4j.testsupport.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * The one JVM shutdown hook of the lab: closes whatever a test left open, newest first.
 *
 * <p>One hook rather than one per class, because the JVM runs hooks concurrently and in no
 * order: a lab's namespaces must be deleted only after the processes inside them are stopped.
 * Surefire killing a hung fork is the case this exists for; a leaked keepalived would keep
 * sending VRRP into a namespace nobody owns, and a leaked namespace fails CI's leftover check.
 */
final class LabCleanup {

    private static final SequencedSet<AutoCloseable> OPEN = new LinkedHashSet<>();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("k4j-lab-cleanup").unstarted(LabCleanup::closeAll));
    }

    private LabCleanup() {}

    static synchronized void register(AutoCloseable resource) {
        OPEN.add(resource);
    }

    static synchronized void unregister(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static void closeAll() {
        List<AutoCloseable> open;
        synchronized (LabCleanup.class) {
            open = new ArrayList<>(OPEN.reversed());
        }
        for (AutoCloseable resource : open) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("lab cleanup of " + resource + ": " + e);
            }
        }
    }
}
