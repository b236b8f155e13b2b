/**
 * What the VRRP daemon puts on the host's interfaces, from the typed configuration to rtnetlink
 * ({@link io.keepalived4j.os.netlink.RtNetlink}):
 * <ul>
 *   <li>pure converters, one configuration line to one kernel request, errors as values naming
 *       the line: {@link io.keepalived4j.daemon.net.AddressConversion},
 *       {@link io.keepalived4j.daemon.net.RouteConversion},
 *       {@link io.keepalived4j.daemon.net.RuleConversion} (interfaces through
 *       {@link io.keepalived4j.daemon.net.InterfaceIndex});</li>
 *   <li>{@link io.keepalived4j.daemon.net.VipSet}: one instance's VIPs, E-VIPs, virtual routes
 *       and rules, added on MASTER and removed on leaving it;</li>
 *   <li>{@link io.keepalived4j.daemon.net.LeftoverVips}: a crashed run's leftovers, removed at start;</li>
 *   <li>{@link io.keepalived4j.daemon.net.StaticNetwork}: the static blocks, set at start, restored
 *       when deleted, removed at stop.</li>
 * </ul>
 * Every pass returns one {@link io.keepalived4j.daemon.net.NetResult} per item and never throws
 * for one bad item, so a typo in one line cannot keep the other VIPs off a new MASTER.
 */
package io.keepalived4j.daemon.net;
