package io.keepalived4j.api;

import java.util.List;
import java.util.Locale;

/**
 * keepalived.json as keepalived 2.2.7 writes it on its JSON signal (vrrp_json.c, json_version 1):
 * an array with one {@code {"data":{...},"stats":{...}}} object per instance, keys in keepalived's
 * order, numbers as its json_writer prints them (integers bare, floats with %g, last_transition
 * with %f) and '/' escaped as "\/". Exporters decode {@code garp_delay} and {@code state} into
 * integers, so they are never written with a fraction. {@code json_version 2} wraps the array as
 * {@code {"vrrp":[...]}} (keepalived adds "track_process", which keepalived4j's dump leaves out).
 */
public final class KeepalivedJsonFormat {

    private KeepalivedJsonFormat() {
    }

    public static String text(StatusSnapshot s) {
        return text(s, 1);
    }

    /** @param version global_defs json_version: 1 (keepalived's default) or 2 */
    public static String text(StatusSnapshot s, int version) {
        String array = array(s);
        return version >= 2 ? "{\"vrrp\":" + array + "}\n" : array + "\n";
    }

    private static String array(StatusSnapshot s) {
        StringBuilder b = new StringBuilder("[");
        boolean first = true;
        for (InstanceView i : s.instances()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append("{\"data\":{");
            data(new Fields(b), i);
            b.append("},\"stats\":{");
            stats(new Fields(b), i.keepalivedCounters());
            b.append("}}");
        }
        return b.append("]").toString();
    }

    private static void data(Fields f, InstanceView i) {
        InstanceSettings c = i.settings();
        f.string("iname", i.name());
        f.raw("dont_track_primary", "0");
        f.raw("skip_check_adv_addr", "0");
        f.raw("strict_mode", c.strict() ? "1" : "0");
        f.string("vmac_ifname", "");
        f.string("ifp_ifname", i.interfaceName());
        f.raw("master_priority", String.valueOf(i.state() == io.keepalived4j.vrrp.engine.VrrpState.BACKUP
                && !i.peersHeard().isEmpty() ? i.peersHeard().getFirst().priority() : 0));
        f.raw("last_transition", String.format(Locale.ROOT, "%d.%06d", i.lastTransition().getEpochSecond(),
                i.lastTransition().getNano() / 1000));
        InstanceSettings.Garp g = c.garp();
        f.raw("garp_delay", String.valueOf(g.delayMicros() / 1_000_000));
        f.raw("garp_refresh", String.valueOf(g.refreshMicros() / 1_000_000));
        f.raw("garp_rep", String.valueOf(g.repeat()));
        f.raw("garp_refresh_rep", String.valueOf(g.refreshRepeat()));
        f.raw("garp_lower_prio_delay", String.valueOf(g.lowerPrioDelayMicros() / 1_000_000));
        f.raw("garp_lower_prio_rep", String.valueOf(g.lowerPrioRepeat()));
        f.raw("lower_prio_no_advert", c.lowerPrioNoAdvert() ? "1" : "0");
        f.raw("higher_prio_send_advert", c.higherPrioSendAdvert() ? "1" : "0");
        f.raw("vrid", String.valueOf(i.vrid()));
        f.raw("base_priority", String.valueOf(i.basePriority()));
        f.raw("effective_priority", String.valueOf(i.effectivePriority()));
        f.raw("vipset", String.valueOf(i.vipsSet()));
        f.raw("promote_secondaries", "false");
        f.raw("adver_int", g(c.advertIntervalCentis() / 100.0));
        int masterInt = i.state() == io.keepalived4j.vrrp.engine.VrrpState.BACKUP && !i.peersHeard().isEmpty()
                && i.version() == 3 ? i.peersHeard().getFirst().advertIntervalCentis() : c.advertIntervalCentis();
        f.raw("master_adver_int", g(masterInt / 100.0));
        f.raw("accept", c.accept() ? "1" : "0");
        f.raw("nopreempt", String.valueOf(!c.preempt()));
        f.raw("preempt_delay", String.valueOf(c.preemptDelayMicros() / 1_000_000));
        f.raw("state", String.valueOf(stateNumber(i.state())));
        f.raw("wantstate", String.valueOf(stateNumber(i.wantState())));
        f.raw("version", String.valueOf(i.version()));
        f.raw("smtp_alert", String.valueOf(c.smtpAlert()));
        f.raw("notify_deleted", "false");
        for (String key : List.of("script_backup", "script_master", "script_fault", "script_stop", "script_deleted",
                "script", "script_master_rx_lower_pri")) {
            String script = c.notifyScripts().get(key);
            if (script != null) {
                f.string(key, script);
            }
        }
        f.strings("vips", i.vips());
        f.strings("evips", i.excludedVips());
        f.strings("track_ifp", names(i, TrackerView.INTERFACE));
        // keepalived lists each tracked script's command line (cmd_str()).
        f.strings("track_script", i.trackers().stream().filter(t -> t.kind().equals(TrackerView.SCRIPT))
                .map(t -> t.command().orElse(t.name())).toList());
        f.raw("auth_type", String.valueOf(switch (c.authType()) {
            case "PASS" -> 1;
            case "AH" -> 2;
            default -> 0;
        }));
    }

    private static void stats(Fields f, KeepalivedCounters c) {
        f.raw("advert_rcvd", String.valueOf(c.advertRcvd()));
        f.raw("advert_sent", String.valueOf(c.advertSent()));
        f.raw("become_master", String.valueOf(c.becomeMaster()));
        f.raw("release_master", String.valueOf(c.releaseMaster()));
        f.raw("packet_len_err", String.valueOf(c.packetLenErr()));
        f.raw("advert_interval_err", String.valueOf(c.advertIntervalErr()));
        f.raw("ip_ttl_err", String.valueOf(c.ipTtlErr()));
        f.raw("invalid_type_rcvd", String.valueOf(c.invalidTypeRcvd()));
        f.raw("addr_list_err", String.valueOf(c.addrListErr()));
        f.raw("invalid_authtype", String.valueOf(c.invalidAuthtype()));
        f.raw("authtype_mismatch", String.valueOf(c.authtypeMismatch()));
        f.raw("auth_failure", String.valueOf(c.authFailure()));
        f.raw("pri_zero_rcvd", String.valueOf(c.priZeroRcvd()));
        f.raw("pri_zero_sent", String.valueOf(c.priZeroSent()));
    }

    private static List<String> names(InstanceView i, String kind) {
        return i.trackers().stream().filter(t -> t.kind().equals(kind)).map(TrackerView::name).toList();
    }

    /** keepalived's state numbers (vrrp.h): INIT 0, BACKUP 1, MASTER 2, FAULT 3, STOP 98. */
    static int stateNumber(io.keepalived4j.vrrp.engine.VrrpState s) {
        return switch (s) {
            case INIT -> 0;
            case BACKUP -> 1;
            case MASTER -> 2;
            case FAULT -> 3;
            case STOP -> 98;
        };
    }

    /** C's %g: six significant digits, no trailing zeros ("1", "0.5", "2.25"). */
    static String g(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** The comma-separated fields of one object, in keepalived's escaping. */
    private static final class Fields {
        private final StringBuilder b;
        private boolean first = true;

        Fields(StringBuilder b) {
            this.b = b;
        }

        void raw(String key, String value) {
            name(key);
            b.append(value);
        }

        void string(String key, String value) {
            name(key);
            quote(value);
        }

        /** keepalived leaves an empty list out. */
        void strings(String key, List<String> values) {
            if (values.isEmpty()) {
                return;
            }
            name(key);
            b.append('[');
            for (int k = 0; k < values.size(); k++) {
                if (k > 0) {
                    b.append(',');
                }
                quote(values.get(k));
            }
            b.append(']');
        }

        private void name(String key) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quote(key);
            b.append(':');
        }

        // keepalived's json_writer.c jsonw_puts(): these escapes, '/' included.
        private void quote(String s) {
            b.append('"');
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                switch (ch) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '/' -> b.append("\\/");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    default -> {
                        if (ch < 0x20) {
                            b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                        } else {
                            b.append(ch);
                        }
                    }
                }
            }
            b.append('"');
        }
    }
}
