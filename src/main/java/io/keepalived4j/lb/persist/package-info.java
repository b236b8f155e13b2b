/**
 * IPVS-style persistence for the userspace proxy: {@link io.keepalived4j.lb.persist.PersistenceTable}
 * (templates with the kernel's lifetime rules, bounded, lock-free across clients) and
 * {@link io.keepalived4j.lb.persist.PersistenceSync} (the templates copied to the other directors
 * over UDP, so persistence survives a failover). docs/persistence.md has the semantics, the wire
 * format and the bounds.
 */
package io.keepalived4j.lb.persist;
