package io.keepalived4j.lb.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The UDP side of a proxied virtual server: the listening socket's handler. Each client
 * (address and port) is a flow with its own socket toward the real server the scheduler chose,
 * so replies find their way back; a flow is forgotten after the UDP idle timeout. Flows are
 * bounded (the datagrams of a flow beyond the bound are dropped and counted), and so are the
 * datagrams waiting for a new flow's socket.
 */
final class UdpFlows extends ChannelInboundHandlerAdapter {

    /** Datagrams a flow holds while its socket opens; more are dropped (counted). */
    static final int PENDING_LIMIT = 64;

    private final ProxyDataPlane plane;
    private final ProxyService service;
    private final ConcurrentHashMap<InetSocketAddress, Flow> flows = new ConcurrentHashMap<>();

    UdpFlows(ProxyDataPlane plane, ProxyService service) {
        this.plane = plane;
        this.service = service;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        InetSocketAddress from = packet.sender();
        Flow flow = flows.get(from);
        if (flow == null) {
            flow = open(ctx.channel(), from, packet.recipient());
            if (flow == null) {
                packet.release();
                return;
            }
        }
        ByteBuf content = packet.content();
        service.countIn(flow.backend, content.readableBytes());
        flow.send(content);
    }

    private Flow open(Channel listener, InetSocketAddress from, InetSocketAddress to) {
        if (!plane.admitUdpFlow()) {
            return null;
        }
        InetSocketAddress local = to != null ? to : (InetSocketAddress) listener.localAddress();
        ProxyService.Choice choice = service.pick(from, local, java.util.Set.of()).orElse(null);
        if (choice == null) {
            service.noDestination.increment();
            plane.releaseUdpFlow();
            return null;
        }
        Backend b = choice.backend();
        Flow flow = new Flow(listener, from, choice);
        flows.put(from, flow);
        service.opened(b);
        long idle = plane.settings().udpIdleTimeout().toMillis();
        Bootstrap boot = plane.transport().datagram().group(listener.eventLoop())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS), flow);
                    }
                });
        ChannelFuture f = boot.connect(b.socketAddress);
        flow.channel = f.channel();
        f.addListener(done -> flow.ready(done.isSuccess()));
        flow.channel.closeFuture().addListener(done -> flow.release());
        return flow;
    }

    /** Closes every flow (the listener closed). */
    void closeAll() {
        flows.values().forEach(f -> f.channel.close());
    }

    int size() {
        return flows.size();
    }

    /** One client's flow: the socket toward its real server and the way back. */
    private final class Flow extends ChannelInboundHandlerAdapter {
        final Channel listener;
        final InetSocketAddress client;
        final Backend backend;
        final ProxyService.Choice choice;
        Channel channel;
        private java.util.ArrayDeque<ByteBuf> pending = new java.util.ArrayDeque<>();

        Flow(Channel listener, InetSocketAddress client, ProxyService.Choice choice) {
            this.listener = listener;
            this.client = client;
            this.choice = choice;
            this.backend = choice.backend();
        }

        @Override
        public boolean isSharable() {
            return true;
        }

        /** Runs on the listener's event loop, which is also the flow's. */
        void send(ByteBuf content) {
            if (pending != null) {
                if (pending.size() >= PENDING_LIMIT) {
                    plane.udpDropped.increment();
                    content.release();
                } else {
                    pending.add(content);
                }
                return;
            }
            channel.writeAndFlush(content, channel.voidPromise());
        }

        void ready(boolean ok) {
            java.util.ArrayDeque<ByteBuf> queued = pending;
            pending = null;
            if (!ok) {
                queued.forEach(ByteBuf::release);
                service.connectFailures.increment();
                if (channel.isRegistered()) {
                    channel.close();
                } else {
                    // No socket (EMFILE, say): there is no close to wait for.
                    listener.eventLoop().execute(this::release);
                }
                return;
            }
            for (ByteBuf b : queued) {
                channel.write(b, channel.voidPromise());
            }
            channel.flush();
        }

        private boolean released;

        /** Forgets the flow, once: from its socket's close, or at once when the socket never opened. */
        void release() {
            if (released) {
                return;
            }
            released = true;
            flows.remove(client, this);
            dropPending();
            service.closed(backend);
            service.released(choice);
            plane.releaseUdpFlow();
        }

        void dropPending() {
            if (pending != null) {
                pending.forEach(ByteBuf::release);
                pending.clear();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket reply = (DatagramPacket) msg;
            ByteBuf content = reply.content();
            service.countOut(backend, content.readableBytes());
            listener.writeAndFlush(new DatagramPacket(content, client), listener.voidPromise());
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable surfaces here (PortUnreachableException): the flow stays
            // until idle, as IPVS keeps its UDP entry; nothing else to do.
        }
    }
}
