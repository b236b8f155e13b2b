package io.keepalived4j.lb.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.timeout.IdleStateEvent;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * One client connection through the proxy, from accept to the last close: picks a real server,
 * connects (trying up to {@code retries} others when a connect fails or times out, before any
 * byte went through), then relays both ways with back-pressure (a side is read only while the
 * other can take more: at most one socket buffer and one read in flight per direction), passes a
 * half-close on, and closes both sides when either fails, both have finished, or the connection
 * has been idle for the TCP idle timeout.
 */
final class TcpConnection extends ChannelInboundHandlerAdapter {

    private final ProxyDataPlane plane;
    private final ProxyService service;
    private final Set<Backend> tried = new HashSet<>(4);
    private Channel client;
    private Channel server;
    private Backend backend;
    private boolean established;
    private boolean clientDone;
    private boolean serverDone;

    TcpConnection(ProxyDataPlane plane, ProxyService service) {
        this.plane = plane;
        this.service = service;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        if (!plane.admitConnection()) {
            // Beyond the descriptor budget: refuse at once (RST) rather than hold the socket.
            client.config().setOption(ChannelOption.SO_LINGER, 0);
            client.close();
            return;
        }
        client.closeFuture().addListener(f -> plane.releaseConnection());
        connect();
    }

    private void connect() {
        InetSocketAddress from = (InetSocketAddress) client.remoteAddress();
        InetSocketAddress to = (InetSocketAddress) client.localAddress();
        ProxyService.Choice choice = service.pick(from, to, tried).orElse(null);
        if (choice == null) {
            service.noDestination.increment();
            client.config().setOption(ChannelOption.SO_LINGER, 0);
            client.close();
            return;
        }
        Backend b = choice.backend();
        tried.add(b);
        Bootstrap boot = plane.transport().client().group(client.eventLoop())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) plane.settings().connectTimeout().toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ServerSide());
        ChannelFuture f = boot.connect(b.socketAddress);
        server = f.channel();
        f.addListener((ChannelFutureListener) done -> {
            if (done.isSuccess()) {
                established(choice, from, to);
            } else {
                service.failed(choice);
                if (client.isActive() && tried.size() <= plane.settings().retries()) {
                    connect();
                } else {
                    client.config().setOption(ChannelOption.SO_LINGER, 0);
                    client.close();
                }
            }
        });
    }

    private void established(ProxyService.Choice choice, InetSocketAddress from, InetSocketAddress to) {
        Backend b = choice.backend();
        if (!client.isActive()) {
            service.released(choice);
            server.close();
            return;
        }
        backend = b;
        established = true;
        b.opened();
        service.counters.active.incrementAndGet();
        service.counters.connections.increment();
        server.closeFuture().addListener(f -> {
            b.closed();
            service.counters.active.decrementAndGet();
            service.released(choice);
            closeAfterFlush(client);
        });
        client.closeFuture().addListener(f -> closeAfterFlush(server));
        switch (plane.settings().proxyProtocol()) {
            case V1, V2 -> {
                server.pipeline().addFirst("proxy-protocol", HAProxyMessageEncoder.INSTANCE);
                server.writeAndFlush(ProxyHeader.of(plane.settings().proxyProtocol(), from, to));
                server.pipeline().remove("proxy-protocol");
            }
            case NONE -> {
            }
        }
        client.read();
        server.read();
    }

    // ---- client side (this handler sits on the client's channel) ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        io.netty.buffer.ByteBuf buf = (io.netty.buffer.ByteBuf) msg;
        int n = buf.readableBytes();
        service.counters.inBytes.add(n);
        service.counters.inPackets.increment();
        backend.counters.inBytes.add(n);
        backend.counters.inPackets.increment();
        server.write(buf, server.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!established) {
            return;
        }
        server.flush();
        if (server.isWritable() && !clientDone) {
            client.read();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (established && client.isWritable() && !serverDone) {
            server.read();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            clientDone = true;
            halfClose(server, serverDone);
        } else if (evt instanceof IdleStateEvent) {
            plane.idleClosed.increment();
            client.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are a client's right; the close is the whole handling.
        client.close();
    }

    /** The other side's input ended: pass the FIN on once what was read is written; both ended: close. */
    private void halfClose(Channel to, boolean otherAlreadyDone) {
        if (!established) {
            client.close();
            return;
        }
        if (otherAlreadyDone) {
            closeAfterFlush(client);
            closeAfterFlush(server);
            return;
        }
        to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
            if (to instanceof DuplexChannel d && to.isActive()) {
                d.shutdownOutput();
            }
        });
    }

    private static void closeAfterFlush(Channel ch) {
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The handler on the real server's channel: the way back. */
    private final class ServerSide extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.buffer.ByteBuf buf = (io.netty.buffer.ByteBuf) msg;
            int n = buf.readableBytes();
            service.counters.outBytes.add(n);
            service.counters.outPackets.increment();
            backend.counters.outBytes.add(n);
            backend.counters.outPackets.increment();
            client.write(buf, client.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            client.flush();
            if (client.isWritable() && !serverDone) {
                server.read();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (server.isWritable() && !clientDone) {
                client.read();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                serverDone = true;
                halfClose(client, clientDone);
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
