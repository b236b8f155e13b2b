package io.keepalived4j.lb;

import io.keepalived4j.config.model.lvs.VirtualServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data plane that forwards nothing: it keeps the table the pool asks for (which destinations,
 * with which weights), for the status and tests, and logs each change at debug level (the pool
 * itself logs keepalived's lines). What {@code --data-plane none} runs, and what runs until the
 * IPVS and proxy back ends land.
 */
public final class LoggingDataPlane implements DataPlane {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingDataPlane.class);

    private final Map<String, Map<Destination, Long>> table = new LinkedHashMap<>();

    @Override
    public synchronized void addService(VirtualServer vs) {
        table.putIfAbsent(vs.describe(), new LinkedHashMap<>());
        LOG.trace("service {} added", vs.describe());
    }

    @Override
    public synchronized void removeService(VirtualServer vs) {
        table.remove(vs.describe());
        LOG.trace("service {} removed", vs.describe());
    }

    @Override
    public synchronized void setDestination(VirtualServer vs, Destination d, long weight) {
        table.computeIfAbsent(vs.describe(), k -> new LinkedHashMap<>()).put(d, weight);
        LOG.trace("service {}: {} weight {}", vs.describe(), d, weight);
    }

    @Override
    public synchronized void removeDestination(VirtualServer vs, Destination d) {
        Map<Destination, Long> m = table.get(vs.describe());
        if (m != null) {
            m.remove(d);
        }
        LOG.trace("service {}: {} removed", vs.describe(), d);
    }

    /** The table now: service (keepalived's text) to destinations and weights. */
    public synchronized Map<String, Map<Destination, Long>> table() {
        Map<String, Map<Destination, Long>> copy = new LinkedHashMap<>();
        table.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }
}
