# Guest script (lab/ipvs-vm/run.sh): Debian's ipvsadm (libnl) driving IPVS, each command under
# strace so that the netlink bytes it sends and the kernel's answers are on the console:
# the reference the project's IPVS codec is tested against (src/test/resources/ipvs/).
trace() {
  echo "=== CMD $*"
  strace -xx -s 65536 -e trace=sendmsg,recvmsg,sendto,recvfrom -o /tmp/t "$@"
  echo "=== RC $?"
  cat /tmp/t
  echo "=== END"
}
trace ipvsadm -A -t 10.0.0.1:80 -s wrr -p 3600
trace ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.21:80 -g -w 3
trace ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.22:8080 -m -w 1 -x 100 -y 50
trace ipvsadm -e -t 10.0.0.1:80 -r 10.0.0.22:8080 -m -w 0
trace ipvsadm -A -u 10.0.0.1:53 -s sh -b sh-port,sh-fallback
trace ipvsadm -A -f 7 -s mh -b mh-fallback
trace ipvsadm -a -f 7 -r 10.0.0.23 -i -w 2
trace ipvsadm -A -t [2001:db8::1]:443 -s wlc -p 60 -M 64
trace ipvsadm -a -t [2001:db8::1]:443 -r [2001:db8::21]:443 -m -w 1
trace ipvsadm -Ln
trace ipvsadm -Ln --stats
trace ipvsadm -Ln -t 10.0.0.1:80
trace ipvsadm --set 900 120 300
trace ipvsadm -L --timeout
trace ipvsadm --start-daemon master --mcast-interface lo --syncid 51
trace ipvsadm -L --daemon
trace ipvsadm --stop-daemon master
trace ipvsadm -d -t 10.0.0.1:80 -r 10.0.0.21:80
trace ipvsadm -E -t 10.0.0.1:80 -s rr -p 600 -M 255.255.255.0
trace ipvsadm -D -u 10.0.0.1:53
trace ipvsadm -Z
trace ipvsadm -C
