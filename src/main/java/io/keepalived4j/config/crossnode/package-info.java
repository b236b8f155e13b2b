/**
 * Cross-node consistency: what keepalived cannot check because it only ever sees one node's file.
 *
 * <p>{@link io.keepalived4j.config.crossnode.CrossNodeCheck} takes the configurations of the nodes
 * of a cluster, groups their {@code vrrp_instance}s into VRRP groups (the instances that should
 * elect one master between them) and reports, per group, the settings that make adverts be
 * dropped (split brain) or make the election behave unlike its author meant. Pure: no I/O.
 */
package io.keepalived4j.config.crossnode;
