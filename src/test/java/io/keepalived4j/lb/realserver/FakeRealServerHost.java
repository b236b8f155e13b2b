package io.keepalived4j.lb.realserver;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** An in-memory host: the four ARP knobs at the kernel's defaults, and lo's addresses. */
final class FakeRealServerHost implements RealServerHost {

    final Map<String, String> sysctls = new TreeMap<>(Map.of(
            "net.ipv4.conf.all.arp_ignore", "0", "net.ipv4.conf.all.arp_announce", "0",
            "net.ipv4.conf.lo.arp_ignore", "0", "net.ipv4.conf.lo.arp_announce", "0"));
    final Set<InetAddress> loopback = new LinkedHashSet<>();
    int writes;

    @Override
    public String sysctl(String key) {
        String v = sysctls.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no sysctl " + key);
        }
        return v;
    }

    @Override
    public void setSysctl(String key, String value) {
        sysctl(key);
        sysctls.put(key, value);
        writes++;
    }

    @Override
    public boolean onLoopback(InetAddress address) {
        return loopback.contains(address);
    }

    @Override
    public void addToLoopback(InetAddress address) {
        loopback.add(address);
        writes++;
    }

    @Override
    public void removeFromLoopback(InetAddress address) {
        loopback.remove(address);
        writes++;
    }
}
