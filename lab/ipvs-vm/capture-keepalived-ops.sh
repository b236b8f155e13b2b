# Guest script (lab/ipvs-vm/run.sh): the IPVS messages of keepalived 2.2.7's checker process (-C)
# besides services and destinations, under strace: lvs_flush (IPVS_CMD_FLUSH at start),
# lvs_timeouts (SET_CONFIG), lvs_sync_daemon without a VRRP instance (the checker starts the master
# and the backup daemon with every option: NEW_DAEMON, and stops both at exit: DEL_DAEMON), and the
# stop without lvs_flush_on_stop (DEL_DEST, then DEL_SERVICE). keepalived is stopped by its own pid.
ip link add sync0 type dummy && ip link set sync0 multicast on && ip link set sync0 up
ip addr add 10.99.0.1/24 dev sync0
cat >/etc/keepalived/keepalived.conf <<'CONF'
global_defs {
    router_id GUEST
    lvs_flush
    lvs_timeouts tcp 901 tcpfin 121 udp 301
    lvs_sync_daemon sync0 id 53 maxlen 1400 port 8850 ttl 3 group 239.1.1.1
}
virtual_server 10.0.0.5 80 {
    delay_loop 30
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 10.0.0.51 80 {
        weight 4
        TCP_CHECK {
            connect_timeout 1
        }
    }
}
CONF
ipvsadm -A -t 10.0.0.200:80 -s rr   # something for lvs_flush to flush
echo "=== CMD keepalived -C ops"
strace -f -xx -s 65536 -e trace=sendmsg,recvmsg,sendto,recvfrom -o /tmp/k keepalived -n -l -C -D \
    -p /run/k.pid -c /run/kc.pid -f /etc/keepalived/keepalived.conf >/tmp/klog 2>&1 &
i=0; while [ ! -s /run/k.pid ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 3
echo "=== TABLE after start"
ipvsadm -Ln
ipvsadm -L --daemon
kill -TERM "$(cat /run/k.pid)"
i=0; while kill -0 "$(cat /run/k.pid 2>/dev/null)" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 1
echo "=== TABLE after stop"
ipvsadm -Ln
ipvsadm -L --daemon
echo "=== STRACE"
cat /tmp/k
echo "=== LOG"
cat /tmp/klog
