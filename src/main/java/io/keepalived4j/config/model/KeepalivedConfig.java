package io.keepalived4j.config.model;

/**
 * The whole typed configuration: what {@code -d} dumps and what the daemons run.
 *
 * @param global global_defs and top-level process keywords
 * @param vrrp   everything the VRRP side runs: static addresses, trackers, sync groups, instances
 * @param lvs    everything the checker side runs: virtual server groups, virtual servers
 */
public record KeepalivedConfig(GlobalDefs global, VrrpSection vrrp, LvsSection lvs) {
}
