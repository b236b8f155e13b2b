package io.keepalived4j.lb.realserver;

import io.keepalived4j.config.model.IpText;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code realserver up} changed, so that {@code down} puts it back: the sysctl values found
 * before the first {@code up} and, per VIP, whether we added it to {@code lo} or found it there.
 * Kept as a small text file (one {@code sysctl KEY VALUE} or {@code vip ADDRESS added|found} per
 * line) that an operator can read.
 *
 * @param originals sysctl key (dotted, {@code net.ipv4.conf.all.arp_ignore}) to its value before
 * @param vips      VIP to true when {@code up} added it, false when it was already on {@code lo}
 */
public record RealServerState(Map<String, String> originals, Map<InetAddress, Boolean> vips) {

    public RealServerState {
        originals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(originals));
        vips = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vips));
    }

    public static RealServerState empty() {
        return new RealServerState(Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return originals.isEmpty() && vips.isEmpty();
    }

    RealServerState withOriginal(String key, String value) {
        Map<String, String> o = new LinkedHashMap<>(originals);
        o.putIfAbsent(key, value);
        return new RealServerState(o, vips);
    }

    RealServerState withVip(InetAddress vip, boolean added) {
        Map<InetAddress, Boolean> v = new LinkedHashMap<>(vips);
        v.putIfAbsent(vip, added);
        return new RealServerState(originals, v);
    }

    RealServerState withoutVip(InetAddress vip) {
        Map<InetAddress, Boolean> v = new LinkedHashMap<>(vips);
        v.remove(vip);
        return new RealServerState(originals, v);
    }

    /** The file's text. */
    public String format() {
        StringBuilder b = new StringBuilder("# keepalived4j realserver: what `down` restores; do not edit\n");
        originals.forEach((k, v) -> b.append("sysctl ").append(k).append(' ').append(v).append('\n'));
        vips.forEach((a, added) -> b.append("vip ").append(IpText.of(a)).append(added ? " added" : " found").append('\n'));
        return b.toString();
    }

    /**
     * Reads {@link #format()}'s text.
     *
     * @throws IllegalArgumentException on a line it did not write, with the line number
     */
    public static RealServerState parse(String text) {
        Map<String, String> originals = new LinkedHashMap<>();
        Map<InetAddress, Boolean> vips = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length == 3 && f[0].equals("sysctl") && f[1].matches("[a-z0-9_.]+") && f[2].matches("-?[0-9]+")) {
                originals.put(f[1], f[2]);
            } else if (f.length == 3 && f[0].equals("vip") && (f[2].equals("added") || f[2].equals("found"))) {
                vips.put(VipAddress.parse(f[1]), f[2].equals("added"));
            } else {
                throw new IllegalArgumentException("line " + (i + 1) + ": not a realserver state line: " + line);
            }
        }
        return new RealServerState(originals, vips);
    }
}
