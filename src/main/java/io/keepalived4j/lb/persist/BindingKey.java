package io.keepalived4j.lb.persist;

import java.net.InetAddress;

/** A template's key: the service and the masked client (IPVS: protocol, caddr & netmask, vaddr, vport). */
record BindingKey(String service, InetAddress client) {
}
