package io.keepalived4j.api;

import io.keepalived4j.testsupport.JsonSyntax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A line-for-line Java port of mehdy/keepalived-exporter's parsers (internal/collector/parser.go
 * and setter.go: ParseVRRPData, ParseVRRPScript, ParseStats, ParseJSON, ParseVIP), the reader
 * that keepalived users point at keepalived's dump files. Go's behaviour is kept where it
 * matters: strings.Split indexing past the end panics (here: throws), strconv.Atoi and
 * encoding/json into an int accept only a plain integer, and an unknown state is an error that
 * fails the whole scrape.
 */
final class ExporterParser {

    static final List<String> VRRP_STATES = List.of("INIT", "BACKUP", "MASTER", "FAULT");

    /** collector.go VRRPData. */
    static final class VrrpData {
        final String iname;
        int state;
        int wantState;
        String intf = "";
        int garpDelay;
        int vrid;
        final List<String> vips = new ArrayList<>();
        final List<String> excludedVips = new ArrayList<>();

        VrrpData(String iname) {
            this.iname = iname;
        }
    }

    /** collector.go VRRPStats, by JSON key. */
    static final List<String> STATS_KEYS = List.of("advert_rcvd", "advert_sent", "become_master", "release_master",
            "packet_len_err", "advert_interval_err", "ip_ttl_err", "invalid_type_rcvd", "addr_list_err",
            "invalid_authtype", "authtype_mismatch", "auth_failure", "pri_zero_rcvd", "pri_zero_sent");

    /** collector.go VRRPScript. */
    record VrrpScript(String name, String status, String state) {
    }

    /** collector.go VRRP: one element of the JSON dump. */
    record Vrrp(VrrpData data, Map<String, Integer> stats) {
    }

    /** The exporter's error: it fails the scrape. */
    static final class ParseError extends RuntimeException {
        ParseError(String m) {
            super(m);
        }
    }

    private ExporterParser() {
    }

    static Map<String, VrrpData> parseVrrpData(String text) {
        Map<String, VrrpData> data = new LinkedHashMap<>();
        String sep = "VRRP Instance";
        String prop = "=";
        String arrayProp = ":";
        String instance = "";
        String key = "";
        String val = "";
        for (String l : lines(text)) {
            if (l.startsWith(" " + sep) && l.contains(prop)) {
                String[] s = split(l.strip(), prop);
                instance = at(s, 1).strip();
                data.put(instance, new VrrpData(instance));
            } else if (l.startsWith("   ") && !instance.isEmpty()) {
                if (l.startsWith("     ")) {
                    val = l.strip();
                } else {
                    String[] args;
                    if (l.contains(prop)) {
                        args = split(l.strip(), prop);
                    } else if (l.contains(arrayProp)) {
                        args = split(l.strip(), arrayProp);
                    } else {
                        continue;
                    }
                    key = at(args, 0).strip();
                    if (key.equals("Virtual IP")) { // isKeyArray
                        continue;
                    }
                    val = at(args, 1).strip();
                }
                VrrpData d = data.get(instance);
                if ((key.startsWith("Virtual IP (") || key.equals("Virtual IP")) && !val.isEmpty()) {
                    d.vips.add(val.strip());
                }
                if (key.startsWith("Virtual IP Excluded") && !val.isEmpty()) {
                    d.excludedVips.add(val.strip());
                }
                switch (key) {
                    case "State" -> d.state = state(val, d.iname, "state");
                    case "Wantstate" -> d.wantState = state(val, d.iname, "wantstate");
                    case "Interface", "Listening device" -> d.intf = val;
                    case "Gratuitous ARP delay" -> d.garpDelay = atoi(val);
                    case "Virtual Router ID" -> d.vrid = atoi(val);
                    default -> {
                    }
                }
            } else if (l.startsWith(" VRRP Version") || l.startsWith(" VRRP Script")) {
                continue;
            } else {
                instance = "";
            }
        }
        return data;
    }

    static List<VrrpScript> parseVrrpScript(String text) {
        List<VrrpScript> scripts = new ArrayList<>();
        String sep = "VRRP Script";
        String prop = "=";
        String name = "";
        String status = "";
        String state = "";
        for (String l : lines(text)) {
            if (l.startsWith(" " + sep) && l.contains(prop)) {
                if (!name.isEmpty()) {
                    scripts.add(new VrrpScript(name, status, state));
                    status = "";
                    state = "";
                }
                name = at(split(l.strip(), prop), 1).strip();
            } else if (l.startsWith("   ") && !name.isEmpty()) {
                if (!l.contains(prop)) {
                    continue;
                }
                String[] s = split(l.strip(), prop);
                String key = at(s, 0).strip();
                String val = at(s, 1).strip();
                if (key.equals("Status")) {
                    status = val;
                } else if (key.equals("State")) {
                    state = val;
                }
            } else if (!l.startsWith("    ")) {
                if (!name.isEmpty()) {
                    scripts.add(new VrrpScript(name, status, state));
                    name = "";
                    status = "";
                    state = "";
                }
            }
        }
        if (!name.isEmpty()) {
            scripts.add(new VrrpScript(name, status, state));
        }
        return scripts;
    }

    /** ParseStats: the counters by the JSON key of the field the exporter sets. */
    static Map<String, Map<String, Integer>> parseStats(String text) {
        Map<String, Map<String, Integer>> stats = new LinkedHashMap<>();
        String sep = "VRRP Instance";
        String prop = ":";
        String instance = "";
        String section = "";
        for (String l : lines(text)) {
            if (l.startsWith(sep) && l.contains(prop)) {
                instance = at(split(l.strip(), prop), 1).strip();
                stats.put(instance, new LinkedHashMap<>());
            } else if (l.startsWith("  ") && l.endsWith(prop)) {
                section = at(split(l.strip(), prop), 0).strip();
            } else if (l.startsWith("    ") && !section.isEmpty()) {
                String[] sp = split(l.strip(), prop);
                String key = at(sp, 0).strip();
                int value = atoi(at(sp, 1).strip());
                String field = switch (section + "/" + key) {
                    case "Advertisements/Received" -> "advert_rcvd";
                    case "Advertisements/Sent" -> "advert_sent";
                    case "Packet Errors/Length" -> "packet_len_err";
                    case "Packet Errors/TTL" -> "ip_ttl_err";
                    case "Packet Errors/Invalid Type" -> "invalid_type_rcvd";
                    case "Packet Errors/Advertisement Interval" -> "advert_interval_err";
                    case "Packet Errors/Address List" -> "addr_list_err";
                    case "Authentication Errors/Invalid Type" -> "invalid_authtype";
                    case "Authentication Errors/Type Mismatch" -> "authtype_mismatch";
                    case "Authentication Errors/Failure" -> "auth_failure";
                    case "Priority Zero/Received" -> "pri_zero_rcvd";
                    case "Priority Zero/Sent" -> "pri_zero_sent";
                    default -> null;
                };
                if (field != null) {
                    stats.get(instance).put(field, value);
                }
            } else if (l.startsWith("  ") && !l.endsWith(prop) && !l.startsWith("    ")) {
                String[] sp = split(l.strip(), prop);
                String key = at(sp, 0).strip();
                int value = atoi(at(sp, 1).strip());
                section = "";
                if (key.equals("Became master")) {
                    stats.get(instance).put("become_master", value);
                } else if (key.equals("Released master")) {
                    stats.get(instance).put("release_master", value);
                }
            }
        }
        return stats;
    }

    /** ParseJSON: encoding/json into []VRRP (unknown keys ignored, int fields must be integers). */
    static List<Vrrp> parseJson(String text) {
        List<Vrrp> out = new ArrayList<>();
        for (Object o : JsonSyntax.array(JsonSyntax.parseLiterally(text))) {
            Map<String, Object> vrrp = JsonSyntax.object(o);
            Map<String, Object> data = JsonSyntax.object(vrrp.getOrDefault("data", Map.of()));
            VrrpData d = new VrrpData(jsonString(data, "iname"));
            d.state = jsonInt(data, "state");
            d.wantState = jsonInt(data, "wantstate");
            d.intf = jsonString(data, "ifp_ifname");
            d.garpDelay = jsonInt(data, "garp_delay");
            d.vrid = jsonInt(data, "vrid");
            d.vips.addAll(jsonStrings(data, "vips"));
            d.excludedVips.addAll(jsonStrings(data, "evips"));
            Map<String, Object> statsObject = JsonSyntax.object(vrrp.getOrDefault("stats", Map.of()));
            Map<String, Integer> stats = new LinkedHashMap<>();
            for (String k : STATS_KEYS) {
                stats.put(k, jsonInt(statsObject, k));
            }
            out.add(new Vrrp(d, stats));
        }
        return out;
    }

    /** ParseVIP: the address and the interface of "ADDR dev IFACE ...". */
    static String[] parseVip(String vip) {
        String[] args = split(vip, " ");
        if (args.length < 3) {
            throw new ParseError("Failed to parse VIP from keepalived data: " + vip);
        }
        return new String[] {args[0], args[2]};
    }

    private static int state(String s, String iname, String what) {
        int i = VRRP_STATES.indexOf(s);
        if (i < 0) {
            throw new ParseError("unknown " + what + " found: " + s + ", iname: " + iname);
        }
        return i;
    }

    private static final Pattern GO_INT = Pattern.compile("[+-]?[0-9]+");

    /** strconv.Atoi. */
    static int atoi(String s) {
        if (!GO_INT.matcher(s).matches()) {
            throw new ParseError("strconv.Atoi: parsing \"" + s + "\": invalid syntax");
        }
        return Integer.parseInt(s);
    }

    private static int jsonInt(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return 0; // absent (or null): Go leaves the zero value
        }
        if (!(v instanceof JsonSyntax.NumberText n) || !n.literal().matches("-?[0-9]+")) {
            throw new ParseError("json: cannot unmarshal " + v + " into Go struct field of type int: " + key);
        }
        return Integer.parseInt(n.literal());
    }

    private static String jsonString(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw new ParseError("json: cannot unmarshal " + v + " into Go struct field of type string: " + key);
        }
        return s;
    }

    private static List<String> jsonStrings(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object e : JsonSyntax.array(v)) {
            if (!(e instanceof String s)) {
                throw new ParseError("json: cannot unmarshal " + e + " into Go string: " + key);
            }
            out.add(s);
        }
        return out;
    }

    /** bufio.Scanner with ScanLines: lines without their "\n" or "\r\n"; no final empty line. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n", -1)) {
            out.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        }
        if (!out.isEmpty() && out.getLast().isEmpty()) {
            out.removeLast();
        }
        return out;
    }

    /** strings.Split: every piece, empty ones included. */
    private static String[] split(String s, String sep) {
        return s.split(Pattern.quote(sep), -1);
    }

    /** Go's slice index: out of range panics. */
    private static String at(String[] a, int i) {
        if (i >= a.length) {
            throw new ParseError("runtime error: index out of range [" + i + "] with length " + a.length);
        }
        return a[i];
    }
}
