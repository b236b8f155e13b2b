# Guest script (lab/ipvs-vm/run.sh): keepalived 2.2.7's checker process (-C) programming IPVS for
# the seeds' kinds of virtual servers, under strace: the netlink bytes keepalived sends are the
# reference for keepalived4j's IPVS back end, and the table it leaves is read back with ipvsadm.
# The guest has no network: every real server's check fails after the first delay_loop.
cat >/etc/keepalived/keepalived.conf <<'CONF'
global_defs {
    router_id GUEST
    lvs_timeouts tcp 900 tcpfin 120 udp 300
}
virtual_server 10.0.0.1 80 {
    delay_loop 3
    lb_algo rr
    lb_kind DR
    persistence_timeout 50
    protocol TCP
    real_server 10.0.0.21 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 1
        }
    }
    real_server 10.0.0.22 80 {
        weight 2
        inhibit_on_failure
        TCP_CHECK {
            connect_timeout 1
        }
    }
}
virtual_server 10.0.0.2 80 {
    delay_loop 3
    lb_algo wrr
    lb_kind NAT
    persistence_timeout 3600
    persistence_granularity 255.255.255.0
    protocol TCP
    sorry_server 10.0.0.99 8080
    real_server 10.0.0.31 8080 {
        weight 3
        TCP_CHECK {
            connect_timeout 1
        }
    }
}
virtual_server fwmark 7 {
    delay_loop 3
    lb_algo sh
    lb_kind TUN
    sh-port
    real_server 10.0.0.41 {
        weight 1
        TCP_CHECK {
            connect_port 80
            connect_timeout 1
        }
    }
}
virtual_server 2001:db8::1 443 {
    delay_loop 3
    lb_algo wlc
    lb_kind NAT
    protocol TCP
    real_server 2001:db8::21 443 {
        weight 1
        TCP_CHECK {
            connect_timeout 1
        }
    }
}
CONF
echo "=== CMD keepalived -C"
strace -f -xx -s 65536 -e trace=sendmsg,recvmsg,sendto,recvfrom -o /tmp/k keepalived -n -l -C -D \
    -f /etc/keepalived/keepalived.conf >/tmp/klog 2>&1 &
pid=$!
sleep 2
echo "=== TABLE after start"
ipvsadm -Ln
sleep 6
echo "=== TABLE after the checks failed"
ipvsadm -Ln
kill -TERM $pid
sleep 2
echo "=== TABLE after stop"
ipvsadm -Ln
echo "=== STRACE"
grep -v 'MSG_PEEK' /tmp/k | grep 'nlmsg' | grep -v 'nlmsg_type=RTM_'
echo "=== END"
echo "=== LOG"
cat /tmp/klog
echo "=== END"
