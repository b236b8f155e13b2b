package io.keepalived4j.interop;

import io.keepalived4j.testsupport.lab.Keepalived4jProcess;
import io.keepalived4j.testsupport.lab.KeepalivedProcess;
import io.keepalived4j.testsupport.lab.LabHost;
import io.keepalived4j.testsupport.lab.VrrpNode;

/**
 * Which daemon plays a node: {@code KeepalivedProcess::create} today; the Java daemon's process
 * class with the same shape later, so the interop tests can mix them.
 */
@FunctionalInterface
interface NodeFactory {

    NodeFactory KEEPALIVED = KeepalivedProcess::create;
    NodeFactory KEEPALIVED4J = Keepalived4jProcess::create;

    /** A node configured with {@code config}, not yet started. */
    VrrpNode create(LabHost host, String config);
}
