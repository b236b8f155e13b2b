package io.keepalived4j.lb.proxy;

import io.keepalived4j.lb.Destination;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What the proxy forwards and has forwarded: per virtual server and real server, as
 * {@code ipvsadm -ln --stats} shows IPVS's, plus the proxy's own shed-load counters.
 *
 * @param connections  client connections open now (all services)
 * @param udpFlows     UDP flows open now
 * @param refused      connections refused at the connection limit
 * @param udpDropped   datagrams dropped at the flow limit
 * @param idleClosed   connections closed by the idle timeout
 * @param unsupported  virtual servers (or their addresses) the proxy could not run
 */
public record ProxyTable(List<Service> services, int connections, int udpFlows, long refused, long udpDropped,
                         long idleClosed, long unsupported) {

    public record Service(String name, String protocol, String scheduler, long persistenceTimeout,
                          List<InetSocketAddress> listening, Traffic traffic, long noDestination,
                          long connectFailures, List<Server> servers) {
    }

    public record Server(Destination destination, int weight, Traffic traffic) {
    }
}
