package io.keepalived4j.api;

import io.keepalived4j.check.PoolStatus;

import java.util.Map;

/**
 * The status snapshot as Prometheus metrics. The {@code keepalived_*} families carry the names,
 * labels and meaning of mehdy/keepalived-exporter's (collector.go), so its dashboards and alerts
 * work unchanged against keepalived4j without the exporter; the {@code keepalived4j_*} families
 * add what keepalived's dumps cannot say (effective priority, trackers, peers, rejected adverts by
 * reason, split brain, pools).
 */
public final class PrometheusFormat {

    private PrometheusFormat() {
    }

    /** @param requests the status server's own request counts, by HTTP status code */
    public static String text(StatusSnapshot s, Map<Integer, Long> requests) {
        Exposition e = new Exposition();
        e.family("keepalived_up", "gauge", "Status").sample(1);
        for (InstanceView i : s.instances()) {
            vrrp(e, i);
        }
        for (TrackerView t : s.scripts()) {
            e.family("keepalived_script_status", "gauge", "Tracker Script Status").sample(t.up() ? 1 : 0, "name", t.name());
            e.family("keepalived_script_state", "gauge", "Tracker Script State").sample(0, "name", t.name());
        }
        for (VirtualServerView vs : s.virtualServers()) {
            pool(e, vs);
        }
        requests.forEach((code, n) -> e.family("keepalived4j_status_requests_total", "counter",
                "Requests to the status endpoint, by HTTP status code").sample(n, "code", String.valueOf(code)));
        return e.text();
    }

    private static void vrrp(Exposition e, InstanceView i) {
        String[] common = {"iname", i.name(), "intf", i.interfaceName(), "vrid", String.valueOf(i.vrid())};
        KeepalivedCounters c = i.keepalivedCounters();
        counter(e, "keepalived_advertisements_received_total", "Advertisements received", c.advertRcvd(), common);
        counter(e, "keepalived_advertisements_sent_total", "Advertisements sent", c.advertSent(), common);
        counter(e, "keepalived_become_master_total", "Became master", c.becomeMaster(), common);
        counter(e, "keepalived_release_master_total", "Released master", c.releaseMaster(), common);
        counter(e, "keepalived_packet_length_errors_total", "Packet length errors", c.packetLenErr(), common);
        counter(e, "keepalived_advertisements_interval_errors_total", "Advertisement interval errors",
                c.advertIntervalErr(), common);
        counter(e, "keepalived_ip_ttl_errors_total", "TTL errors", c.ipTtlErr(), common);
        counter(e, "keepalived_invalid_type_received_total", "Invalid type errors", c.invalidTypeRcvd(), common);
        counter(e, "keepalived_address_list_errors_total", "Address list errors", c.addrListErr(), common);
        counter(e, "keepalived_authentication_invalid_total", "Authentication invalid", c.invalidAuthtype(), common);
        counter(e, "keepalived_authentication_mismatch_total", "Authentication mismatch", c.authtypeMismatch(), common);
        counter(e, "keepalived_authentication_failure_total", "Authentication failure", c.authFailure(), common);
        counter(e, "keepalived_priority_zero_received_total", "Priority zero received", c.priZeroRcvd(), common);
        counter(e, "keepalived_priority_zero_sent_total", "Priority zero sent", c.priZeroSent(), common);
        counter(e, "keepalived_gratuitous_arp_delay_total", "Gratuitous ARP delay",
                i.settings().garp().delayMicros() / 1_000_000, common);
        int state = KeepalivedJsonFormat.stateNumber(i.state());
        for (String vip : i.vips()) {
            String[] w = vip.split(" ");
            e.family("keepalived_vrrp_state", "gauge", "State of vrrp").sample(state, "iname", i.name(),
                    "intf", w.length > 2 ? w[2] : i.interfaceName(), "vrid", String.valueOf(i.vrid()), "ip_address", w[0]);
        }
        for (String vip : i.excludedVips()) {
            String[] w = vip.split(" ");
            e.family("keepalived_vrrp_excluded_state", "gauge", "State of vrrp with excluded VIP").sample(state,
                    "iname", i.name(), "intf", w.length > 2 ? w[2] : i.interfaceName(), "vrid", String.valueOf(i.vrid()),
                    "ip_address", w[0]);
        }
        e.family("keepalived4j_vrrp_state", "gauge", "VRRP state: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT, 98 STOP")
                .sample(state, common);
        e.family("keepalived4j_vrrp_base_priority", "gauge", "Configured priority").sample(i.basePriority(), common);
        e.family("keepalived4j_vrrp_effective_priority", "gauge", "Priority after the trackers' weights")
                .sample(i.effectivePriority(), common);
        e.family("keepalived4j_vrrp_vips_set", "gauge", "1 while the instance's VIPs are on this host")
                .sample(i.vipsSet() ? 1 : 0, common);
        e.family("keepalived4j_vrrp_last_transition_seconds", "gauge", "When the instance last changed state (Unix time)")
                .sample(i.lastTransition().toEpochMilli() / 1000.0, common);
        counter(e, "keepalived4j_vrrp_send_failures_total", "Adverts the socket refused", i.counters().sendFailures(), common);
        counter(e, "keepalived4j_vrrp_peers_forgotten_total", "Peers pushed out of the bounded list of peers heard",
                i.counters().peersForgotten(), common);
        counter(e, "keepalived4j_vrrp_split_brain_reports_total", "Another master heard, or our VIP answered by "
                + "another MAC, while MASTER", i.splitBrain().reports(), common);
        for (var r : i.rejects().entrySet()) {
            e.family("keepalived4j_vrrp_rejected_adverts_total", "counter", "Adverts rejected, by reason")
                    .sample(r.getValue(), with(common, "reason", r.getKey().name().toLowerCase(java.util.Locale.ROOT)));
        }
        for (TrackerView t : i.trackers()) {
            e.family("keepalived4j_vrrp_tracker_up", "gauge", "1 while a tracker is up (a tracked file: its value is 0)")
                    .sample(t.up() ? 1 : 0, with(common, "kind", t.kind(), "tracker", t.name()));
        }
        for (PeerView p : i.peersHeard()) {
            String[] labels = with(common, "peer", p.address());
            e.family("keepalived4j_vrrp_peer_priority", "gauge", "Priority in the last advert heard from a peer")
                    .sample(p.priority(), labels);
            counter(e, "keepalived4j_vrrp_peer_adverts_total", "Adverts accepted from a peer", p.adverts(), labels);
            e.family("keepalived4j_vrrp_peer_last_heard_seconds", "gauge", "When a peer was last heard (Unix time)")
                    .sample(p.lastHeard().toEpochMilli() / 1000.0, labels);
        }
    }

    private static void pool(Exposition e, VirtualServerView vs) {
        e.family("keepalived4j_virtual_server_quorum_up", "gauge", "1 while a virtual server's quorum is met")
                .sample(vs.quorumUp() ? 1 : 0, "virtual_server", vs.service());
        e.family("keepalived4j_virtual_server_live_weight", "gauge", "Sum of the live real servers' weights")
                .sample(vs.liveWeight(), "virtual_server", vs.service());
        java.util.List<VirtualServerView.RealServerView> all = new java.util.ArrayList<>(vs.servers());
        vs.sorry().ifPresent(all::add);
        for (VirtualServerView.RealServerView rs : all) {
            String[] labels = {"virtual_server", vs.service(), "real_server", rs.server()};
            e.family("keepalived4j_real_server_alive", "gauge", "1 while a real server's checkers pass")
                    .sample(rs.alive() ? 1 : 0, labels);
            e.family("keepalived4j_real_server_weight", "gauge", "A real server's effective weight")
                    .sample(rs.weight(), labels);
            e.family("keepalived4j_real_server_in_service", "gauge", "1 while a real server is in the data plane")
                    .sample(rs.set() ? 1 : 0, labels);
            rs.activeConnections().ifPresent(n -> e.family("keepalived4j_real_server_active_connections", "gauge",
                    "Connections open through a real server").sample(n, labels));
            rs.inactiveConnections().ifPresent(n -> e.family("keepalived4j_real_server_inactive_connections", "gauge",
                    "IPVS's inactive connections of a real server").sample(n, labels));
            Map<String, Integer> seen = new java.util.HashMap<>();
            for (PoolStatus.CheckerStatus c : rs.checkers()) {
                // Two checkers of one kind on a server (two HTTP_GETs) stay two series: "HTTP_GET#2".
                int n = seen.merge(c.checker(), 1, Integer::sum);
                e.family("keepalived4j_checker_up", "gauge", "1 while a health checker passes")
                        .sample(c.up() ? 1 : 0, with(labels, "checker", n == 1 ? c.checker() : c.checker() + "#" + n));
            }
        }
    }

    private static void counter(Exposition e, String name, String help, long value, String... labels) {
        e.family(name, "counter", help).sample(value, labels);
    }

    private static String[] with(String[] labels, String... more) {
        String[] out = java.util.Arrays.copyOf(labels, labels.length + more.length);
        System.arraycopy(more, 0, out, labels.length, more.length);
        return out;
    }
}
