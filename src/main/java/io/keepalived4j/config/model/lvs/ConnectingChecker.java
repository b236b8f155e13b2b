package io.keepalived4j.config.model.lvs;

/** A checker that talks to the real server over the network (all but MISC, FILE and BFD). */
public sealed interface ConnectingChecker extends TimedChecker
        permits TcpCheck, HttpCheck, SmtpCheck, DnsCheck, UdpCheck, PingCheck {

    ConnectionOptions connection();
}
