package io.keepalived4j.lb.ipvs;

import io.keepalived4j.os.netlink.GenlControlMessages;
import io.keepalived4j.os.netlink.GenlFamily;
import io.keepalived4j.os.netlink.IpvsDestinationEntry;
import io.keepalived4j.os.netlink.IpvsMessages;
import io.keepalived4j.os.netlink.IpvsReplies;
import io.keepalived4j.os.netlink.IpvsServiceEntry;
import io.keepalived4j.os.netlink.IpvsSyncDaemon;
import io.keepalived4j.os.netlink.IpvsTimeouts;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.NetlinkMessage;
import io.keepalived4j.os.netlink.NetlinkRequest;
import io.keepalived4j.os.netlink.NetlinkSocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's IPVS over generic netlink: the family id resolved once, one socket, one request at
 * a time (the methods are synchronized: the pool's thread, the sync follower and a dump may call
 * concurrently). Each receive is bounded, so a kernel that never answers costs an error, not a
 * hung checker thread.
 */
public final class GenlIpvsKernel implements IpvsKernel {

    /** A kernel answers an IPVS request in microseconds; a dump of 65,536 services in well under this. */
    static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(5);

    private final NetlinkSocket socket;
    private final IpvsMessages messages;

    private GenlIpvsKernel(NetlinkSocket socket, IpvsMessages messages) {
        this.socket = socket;
        this.messages = messages;
    }

    /** Opens the socket and resolves the "IPVS" family: ENOENT when the kernel has no ip_vs. */
    public static GenlIpvsKernel open() throws IpvsException {
        NetlinkSocket socket;
        try {
            socket = NetlinkSocket.openGeneric();
        } catch (NetlinkException e) {
            throw wrap(e, "open a generic netlink socket");
        }
        try {
            socket.receiveTimeout(RECEIVE_TIMEOUT);
            List<NetlinkMessage> answer = socket.request(GenlControlMessages.getFamily("IPVS"), "resolve the IPVS family");
            if (answer.isEmpty()) {
                throw new IpvsException(0, "the generic netlink controller did not answer for IPVS");
            }
            GenlFamily family = GenlControlMessages.decodeFamily(answer.getFirst());
            return new GenlIpvsKernel(socket, IpvsMessages.forFamily(family));
        } catch (NetlinkException e) {
            socket.close();
            throw e.errno() == NetlinkException.ENOENT
                    ? new IpvsException(e.errno(), "this kernel has no IPVS (no ip_vs module: modprobe ip_vs)")
                    : wrap(e, "resolve the IPVS family");
        } catch (RuntimeException e) {
            socket.close();
            throw new IpvsException(0, "resolve the IPVS family: " + e.getMessage());
        }
    }

    @Override
    public synchronized io.keepalived4j.os.netlink.IpvsInfo info() throws IpvsException {
        return requestOne(messages.getInfo(), "get info", IpvsReplies::info);
    }

    @Override
    public synchronized List<Row> list() throws IpvsException {
        try {
            List<Row> rows = new ArrayList<>();
            for (NetlinkMessage m : socket.dump(messages.dumpServices(), "list services")) {
                IpvsServiceEntry s = IpvsReplies.service(m);
                List<IpvsDestinationEntry> dests = new ArrayList<>();
                for (NetlinkMessage d : socket.dump(messages.dumpDestinations(s.service().key()), "list destinations")) {
                    dests.add(IpvsReplies.destination(d, s.service().key().family()));
                }
                rows.add(new Row(s, dests));
            }
            return rows;
        } catch (NetlinkException e) {
            throw wrap(e, "list the IPVS table");
        } catch (RuntimeException e) {
            throw new IpvsException(0, "list the IPVS table: unreadable answer: " + e.getMessage());
        }
    }

    @Override
    public synchronized void apply(IpvsCommand command) throws IpvsException {
        NetlinkRequest r = switch (command) {
            case IpvsCommand.NewService c -> messages.newService(c.service());
            case IpvsCommand.SetService c -> messages.setService(c.service());
            case IpvsCommand.DeleteService c -> messages.deleteService(c.service());
            case IpvsCommand.NewDestination c -> messages.newDestination(c.service(), c.destination());
            case IpvsCommand.SetDestination c -> messages.setDestination(c.service(), c.destination());
            case IpvsCommand.DeleteDestination c -> messages.deleteDestination(c.service(), c.destination());
        };
        ack(r, IpvsText.of(command));
    }

    @Override
    public synchronized void flush() throws IpvsException {
        ack(messages.flush(), "flush the IPVS table");
    }

    @Override
    public synchronized void setTimeouts(IpvsTimeouts timeouts) throws IpvsException {
        ack(messages.setTimeouts(timeouts), "set timeouts " + timeouts.tcp() + " " + timeouts.tcpFin() + " " + timeouts.udp());
    }

    @Override
    public synchronized IpvsTimeouts timeouts() throws IpvsException {
        return requestOne(messages.getTimeouts(), "get timeouts", IpvsReplies::timeouts);
    }

    /** A GET answered by one message: decoded, or the kernel's refusal or an unreadable answer as an error. */
    private <T> T requestOne(NetlinkRequest request, String operation,
                             java.util.function.Function<NetlinkMessage, T> decode) throws IpvsException {
        try {
            List<NetlinkMessage> answer = socket.request(request, operation);
            if (answer.isEmpty()) {
                throw new IpvsException(0, operation + ": no answer");
            }
            return decode.apply(answer.getFirst());
        } catch (NetlinkException e) {
            throw wrap(e, operation);
        } catch (RuntimeException e) {
            throw new IpvsException(0, operation + ": unreadable answer: " + e.getMessage());
        }
    }

    @Override
    public synchronized void startDaemon(IpvsSyncDaemon daemon) throws IpvsException {
        ack(messages.startDaemon(daemon), "start the " + daemon.state().name().toLowerCase(java.util.Locale.ROOT)
                + " sync daemon on " + daemon.interfaceName() + " (syncid " + daemon.syncId() + ")");
    }

    @Override
    public synchronized void stopDaemon(IpvsSyncDaemon.State state, int syncId) throws IpvsException {
        ack(messages.stopDaemon(state, syncId), "stop the " + state.name().toLowerCase(java.util.Locale.ROOT) + " sync daemon");
    }

    @Override
    public synchronized List<IpvsSyncDaemon> daemons() throws IpvsException {
        try {
            List<IpvsSyncDaemon> out = new ArrayList<>();
            for (NetlinkMessage m : socket.dump(messages.dumpDaemons(), "list sync daemons")) {
                out.add(IpvsReplies.daemon(m));
            }
            return out;
        } catch (NetlinkException e) {
            throw wrap(e, "list sync daemons");
        } catch (RuntimeException e) {
            throw new IpvsException(0, "list sync daemons: unreadable answer: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    private void ack(NetlinkRequest request, String operation) throws IpvsException {
        try {
            socket.ack(request, operation);
        } catch (NetlinkException e) {
            throw wrap(e, operation);
        }
    }

    private static IpvsException wrap(NetlinkException e, String operation) {
        return new IpvsException(e.errno(), operation + ": " + io.keepalived4j.os.Libc.strerror(e.errno())
                + e.kernelMessage().map(m -> " (" + m + ")").orElse(""));
    }
}
