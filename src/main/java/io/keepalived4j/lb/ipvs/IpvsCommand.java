package io.keepalived4j.lb.ipvs;

import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsService;

/** One change to the kernel's IPVS table, as keepalived's ipvswrapper issues them. */
public sealed interface IpvsCommand {

    record NewService(IpvsService service) implements IpvsCommand {
    }

    /** Scheduler, flags, timeout or netmask changed: edited in place, connections kept. */
    record SetService(IpvsService service) implements IpvsCommand {
    }

    record DeleteService(IpvsService service) implements IpvsCommand {
    }

    record NewDestination(IpvsService service, IpvsDestination destination) implements IpvsCommand {
    }

    /** Weight (0: quiesced), forwarding or thresholds changed: edited in place. */
    record SetDestination(IpvsService service, IpvsDestination destination) implements IpvsCommand {
    }

    record DeleteDestination(IpvsService service, IpvsDestination destination) implements IpvsCommand {
    }
}
