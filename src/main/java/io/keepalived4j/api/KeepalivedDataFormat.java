package io.keepalived4j.api;

import io.keepalived4j.vrrp.engine.VrrpState;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * keepalived.data as keepalived 2.2.7 writes it on SIGUSR1 (vrrp_data.c {@code dump_data_vrrp()}
 * and {@code dump_vrrp()}): the lines an operator and an exporter read, in keepalived's order and
 * indentation. keepalived's man page calls the format unstable, yet exporters parse it line by line
 * (the instance name after " VRRP Instance = ", "   Key = value" lines, VIPs indented by five),
 * so the layout here follows keepalived's byte for byte where a line is printed.
 *
 * <p>Left out: what only keepalived's internals have (file descriptors, read timeouts, the
 * socket pool, interface flags), and the simple password keepalived prints in clear.
 */
public final class KeepalivedDataFormat {

    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss", Locale.ROOT);

    private KeepalivedDataFormat() {
    }

    public static String text(StatusSnapshot s, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append("------< Global definitions >------\n")
                .append(" Router ID = ").append(s.routerId()).append('\n');
        b.append("------< VRRP Topology >------\n");
        for (InstanceView i : s.instances()) {
            instance(b, i, zone);
        }
        List<TrackerView> scripts = s.scripts();
        if (!scripts.isEmpty()) {
            b.append("------< VRRP Scripts >------\n");
            for (TrackerView t : scripts) {
                b.append(" VRRP Script = ").append(t.name()).append('\n');
                t.command().ifPresent(cmd -> b.append("   Command = ").append(cmd).append('\n'));
                b                        .append("   Weight = ").append(t.weight()).append(t.reverse() ? " reverse" : "").append('\n')
                        .append("   Status = ").append(t.up() ? "GOOD" : "BAD").append('\n')
                        .append("   State = idle\n");
            }
        }
        return b.toString();
    }

    private static void instance(StringBuilder b, InstanceView i, ZoneId zone) {
        InstanceSettings c = i.settings();
        line(b, " VRRP Instance = " + i.name());
        line(b, "   VRRP Version = " + i.version());
        c.syncGroup().ifPresent(g -> line(b, "   Sync group = " + g));
        if (c.multicastGroup().map(g -> g.contains(":")).orElse(c.sourceAddress().contains(":"))) {
            line(b, "   Using Native IPv6");
        }
        line(b, "   State = " + stateText(i.state()));
        if (i.state() == VrrpState.BACKUP && !i.peersHeard().isEmpty()) {
            PeerView master = i.peersHeard().getFirst();
            line(b, "   Master router = " + master.address());
            line(b, "   Master priority = " + master.priority());
            if (i.version() == 3) {
                line(b, "   Master advert int = " + String.format(Locale.ROOT, "%.2f", master.advertIntervalCentis() / 100.0) + " sec");
            }
        }
        if (c.unicastPeers().isEmpty()) {
            line(b, "   Flags: none");
        } else {
            line(b, "   Flags:");
            line(b, "     Using unicast");
        }
        line(b, "   Wantstate = " + stateText(i.wantState()));
        line(b, "   Number of config faults = 0");
        long faults = i.trackers().stream().filter(t -> t.weight() == 0 && !t.up()).count();
        line(b, "   Number of interface and track script faults = " + faults);
        line(b, "   Number of track scripts init = 0");
        line(b, "   Last transition = " + timestamp(i.lastTransition(), zone));
        line(b, "   Master down timer = " + masterDownMicros(i) + " usecs");
        line(b, "   Interface = " + i.interfaceName());
        if (c.strict()) {
            line(b, "   Enforcing strict VRRP compliance");
        }
        line(b, "   Using src_ip = " + c.sourceAddress() + (c.sourceFromConfig() ? " (from configuration)" : ""));
        c.multicastGroup().ifPresent(g -> line(b, "   Multicast address " + g));
        InstanceSettings.Garp g = c.garp();
        line(b, "   Gratuitous ARP delay = " + g.delayMicros() / 1_000_000);
        line(b, "   Gratuitous ARP repeat = " + g.repeat());
        line(b, "   Gratuitous ARP refresh = " + g.refreshMicros() / 1_000_000);
        line(b, "   Gratuitous ARP refresh repeat = " + g.refreshRepeat());
        line(b, "   Gratuitous ARP lower priority delay = " + g.lowerPrioDelayMicros() / 1_000_000);
        line(b, "   Gratuitous ARP lower priority repeat = " + g.lowerPrioRepeat());
        line(b, "   Down timer adverts = " + c.downTimerAdverts());
        line(b, "   Send advert after receive lower priority advert = " + !c.lowerPrioNoAdvert());
        line(b, "   Send advert after receive higher priority advert = " + c.higherPrioSendAdvert());
        line(b, "   Virtual Router ID = " + i.vrid());
        line(b, "   Priority = " + i.basePriority());
        line(b, "   Effective priority = " + i.effectivePriority());
        line(b, "   Total priority = " + i.effectivePriority());
        line(b, "   Advert interval = " + (i.version() == 2 ? c.advertIntervalCentis() / 100 + " sec"
                : c.advertIntervalCentis() * 10 + " milli-sec"));
        line(b, "   Accept = " + (c.accept() ? "enabled" : "disabled"));
        line(b, "   Preempt = " + (c.preempt() ? "enabled" : "disabled"));
        if (c.preemptDelayMicros() > 0) {
            line(b, "   Preempt delay = " + KeepalivedJsonFormat.g(c.preemptDelayMicros() / 1e6) + " secs");
        }
        line(b, "   Promote_secondaries = disabled");
        if (!c.authType().equals("none")) {
            line(b, "   Authentication type = " + (c.authType().equals("AH") ? "IPSEC_AH" : "SIMPLE_PASSWORD"));
        } else if (i.version() == 2) {
            line(b, "   Authentication type = none");
        }
        list(b, "   Virtual IP (" + i.vips().size() + "):", i.vips());
        list(b, "   Virtual IP Excluded :", i.excludedVips());
        if (!c.unicastPeers().isEmpty()) {
            line(b, "   Unicast Peer :");
            c.unicastPeers().forEach(p -> line(b, "     " + p));
        }
        for (String kind : List.of(TrackerView.INTERFACE, TrackerView.SCRIPT, TrackerView.FILE, TrackerView.PROCESS)) {
            List<String> tracked = i.trackers().stream().filter(t -> t.kind().equals(kind))
                    .map(t -> t.name() + " weight " + t.weight() + (t.reverse() ? " reverse" : "")).toList();
            list(b, "   Tracked " + (kind.equals(TrackerView.PROCESS) ? "processes" : kind + "s") + " :", tracked);
        }
        line(b, "   Using smtp notification = " + (c.smtpAlert() ? "yes" : "no"));
    }

    private static void list(StringBuilder b, String heading, List<String> items) {
        if (!items.isEmpty()) {
            line(b, heading);
            items.forEach(v -> line(b, "     " + v));
        }
    }

    private static void line(StringBuilder b, String line) {
        b.append(line).append('\n');
    }

    /** keepalived's get_state_str(): the four RFC/keepalived states, "unknown" for anything else. */
    static String stateText(VrrpState s) {
        return switch (s) {
            case INIT, BACKUP, MASTER, FAULT -> s.name();
            case STOP -> "unknown";
        };
    }

    /** Master_Down_Interval as keepalived prints it: down_timer_adverts intervals plus the skew (RFC 5798 6.1). */
    static long masterDownMicros(InstanceView i) {
        long interval = (i.peersHeard().isEmpty() || i.version() == 2 ? i.settings().advertIntervalCentis()
                : i.peersHeard().getFirst().advertIntervalCentis()) * 10_000L;
        return i.settings().downTimerAdverts() * interval + (256L - i.effectivePriority()) * interval / 256;
    }

    /** "1795438262.205620 (Mon Nov 23 12:51:02.205620 2026)", keepalived's ctime_us_r(). */
    static String timestamp(Instant t, ZoneId zone) {
        ZonedDateTime z = t.atZone(zone);
        String micros = String.format(Locale.ROOT, "%06d", t.getNano() / 1000);
        return t.getEpochSecond() + "." + micros + " (" + CTIME.format(z) + "." + micros + " " + z.getYear() + ")";
    }
}
