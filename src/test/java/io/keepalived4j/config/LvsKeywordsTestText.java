package io.keepalived4j.config;

/** A configuration using every LVS keyword keepalived 2.2.7 knows, shared by the LVS tests. */
final class LvsKeywordsTestText {

    private LvsKeywordsTestText() {
    }

    /** Every LVS keyword keepalived 2.2.7 accepts (probed with keepalived -t: no "Unknown keyword"). */
    static final String TEXT = """
            track_file tf1 {
              file /tmp/tf1
            }
            SSL {
              password x
              ca /tmp/ca
              certificate /tmp/c
              key /tmp/k
            }
            virtual_server 10.1.0.1 80 {
              ip_family inet
              retry 2
              delay_before_retry 2
              warmup 2
              connect_timeout 2
              delay_loop 10
              inhibit_on_failure
              lvs_sched sh
              hashed
              flag-1
              flag-2
              flag-3
              sh-port
              sh-fallback
              mh-port
              mh-fallback
              lvs_method DR
              persistence_engine sip
              persistence_timeout 30
              persistence_granularity 255.255.255.0
              protocol TCP
              ha_suspend
              smtp_alert
              virtualhost www.x
              snmp_name vs1
              alpha
              omega
              quorum 1
              hysteresis 0
              weight 2
              sorry_server 10.2.0.9 80
              sorry_server_inhibit
              sorry_server_lvs_method DR
              real_server 10.2.0.1 80 {
                weight 3
                lvs_method DR
                uthreshold 100
                lthreshold 10
                inhibit_on_failure
                alpha
                retry 2
                delay_before_retry 2
                warmup 2
                connect_timeout 2
                delay_loop 10
                smtp_alert
                virtualhost www.y
                snmp_name rs1
                TCP_CHECK {
                  connect_ip 10.2.0.1
                  connect_port 81
                  bindto 10.2.0.200
                  bind_port 2000
                  bind_if eth0
                  connect_timeout 3
                  fwmark 5
                  retry 1
                  delay_before_retry 1
                  warmup 1
                  delay_loop 5
                  alpha
                  log_all_failures
                }
                HTTP_GET {
                  virtualhost a.b
                  http_protocol 1.1
                  enable_sni
                  fast_recovery
                  url {
                    path /
                    digest ff20ad2481f97b1754ef3e12ecd3a9cc
                    status_code 200 300-302
                    virtualhost c.d
                    regex "ok"
                    regex_no_match
                    regex_options caseless
                    regex_min_offset 1
                    regex_max_offset 100
                    regex_stack 1000 2000
                  }
                }
                SSL_GET {
                  url {
                    path /x
                  }
                }
                SMTP_CHECK {
                  helo_name foo
                }
                DNS_CHECK {
                  type A
                  name example.com
                }
                UDP_CHECK {
                  payload 0102
                  require_reply 01XX
                  min_reply_length 1
                  max_reply_length 10
                }
                PING_CHECK {
                  retry 2
                }
                MISC_CHECK {
                  misc_path /bin/true
                  misc_timeout 5
                  misc_dynamic
                  retry 1
                  delay_before_retry 1
                  warmup 1
                  delay_loop 5
                  alpha
                  log_all_failures
                }
                FILE_CHECK {
                  track_file tf1
                  weight 2 reverse
                }
              }
            }
            """;
}
