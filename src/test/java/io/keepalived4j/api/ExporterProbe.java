package io.keepalived4j.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What keepalived-exporter would report from a daemon's dumps ({@link ExporterParser}), for tests
 * outside this package (the interop tests reading a running daemon's files).
 */
public final class ExporterProbe {

    /**
     * Per instance: the state number, VRID, interface and counters (by keepalived's JSON key).
     */
    public record View(Map<String, Integer> states, Map<String, Integer> vrids, Map<String, String> interfaces,
                       Map<String, Map<String, Integer>> counters) {
        public int counter(String instance, String key) {
            Integer v = counters.getOrDefault(instance, Map.of()).get(key);
            if (v == null) {
                throw new AssertionError(instance + " has no counter " + key + ": " + counters);
            }
            return v;
        }
    }

    private ExporterProbe() {
    }

    /** keepalived.data and keepalived.stats, as the exporter's default (non-JSON) mode reads them. */
    public static View read(String data, String stats) {
        Map<String, ExporterParser.VrrpData> d = ExporterParser.parseVrrpData(data);
        return view(d, ExporterParser.parseStats(stats));
    }

    /** keepalived.json, as the exporter's --ka.json mode reads it. */
    public static View readJson(String json) {
        Map<String, ExporterParser.VrrpData> d = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> stats = new LinkedHashMap<>();
        for (ExporterParser.Vrrp v : ExporterParser.parseJson(json)) {
            d.put(v.data().iname, v.data());
            stats.put(v.data().iname, v.stats());
        }
        return view(d, stats);
    }

    /** Fails unless {@code text} is valid Prometheus text exposition format. */
    public static void checkExposition(String text) {
        ExpositionParser.parse(text);
    }

    private static View view(Map<String, ExporterParser.VrrpData> d, Map<String, Map<String, Integer>> stats) {
        Map<String, Integer> states = new LinkedHashMap<>();
        Map<String, Integer> vrids = new LinkedHashMap<>();
        Map<String, String> interfaces = new LinkedHashMap<>();
        d.forEach((name, v) -> {
            states.put(name, v.state);
            vrids.put(name, v.vrid);
            interfaces.put(name, v.intf);
        });
        return new View(states, vrids, interfaces, stats);
    }
}
