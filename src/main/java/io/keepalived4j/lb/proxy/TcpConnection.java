package io.keepalived4j.lb.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.timeout.IdleStateEvent;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * One client connection through the proxy, from accept to the last close: picks a real server,
 * connects (trying up to {@code retries} others when a connect fails or times out, before any
 * byte went through), then relays both ways with back-pressure: a side is read only while the
 * other side can take more (reading stops when the other's write buffer passes its high-water
 * mark and resumes when it drains, so at most a socket buffer and a write buffer are in flight per
 * direction). A half-close is passed on; both sides close when either fails, both have finished,
 * or the connection has been idle for the TCP idle timeout. The close path does no more system
 * calls than it must and raises no exceptions (they cost more than the rest of a short connection).
 */
final class TcpConnection extends ChannelInboundHandlerAdapter {

    private final ProxyDataPlane plane;
    private final ProxyService service;
    /** The listening address: the VIP and port the client connected to (no getsockname per connection). */
    private final InetSocketAddress local;
    private Set<Backend> tried;
    private Channel client;
    private Channel server;
    private Backend backend;
    private boolean established;
    private boolean clientDone;
    private boolean serverDone;

    TcpConnection(ProxyDataPlane plane, ProxyService service, InetSocketAddress local) {
        this.plane = plane;
        this.service = service;
        this.local = local;
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
        Set<Backend> exclude = tried == null ? Set.of() : tried;
        ProxyService.Choice choice = service.pick(from, local, exclude).orElse(null);
        if (choice == null) {
            service.noDestination.increment();
            reset(client);
            return;
        }
        Backend b = choice.backend();
        Bootstrap boot = plane.transport().client().group(client.eventLoop())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) plane.settings().connectTimeout().toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, ProxyDataPlane.WATER_MARK)
                .handler(new ServerSide());
        ChannelFuture f = boot.connect(b.socketAddress);
        server = f.channel();
        f.addListener((ChannelFutureListener) done -> {
            if (done.isSuccess()) {
                established(choice, from);
                return;
            }
            service.failed(choice);
            if (tried == null) {
                tried = new HashSet<>(4);
            }
            tried.add(b);
            if (client.isActive() && tried.size() <= plane.settings().retries()) {
                connect();
            } else {
                reset(client);
            }
        });
    }

    private void established(ProxyService.Choice choice, InetSocketAddress from) {
        Backend b = choice.backend();
        if (!client.isActive()) {
            service.released(choice);
            server.close();
            return;
        }
        backend = b;
        established = true;
        service.opened(b);
        server.closeFuture().addListener(f -> {
            service.closed(b);
            service.released(choice);
            closeAfterFlush(client);
        });
        client.closeFuture().addListener(f -> closeAfterFlush(server));
        switch (plane.settings().proxyProtocol()) {
            case V1, V2 -> {
                server.pipeline().addFirst("proxy-protocol", HAProxyMessageEncoder.INSTANCE);
                server.writeAndFlush(ProxyHeader.of(plane.settings().proxyProtocol(), from, local));
                server.pipeline().remove("proxy-protocol");
            }
            case NONE -> {
            }
        }
        // From here on both sides read on their own; back-pressure turns reading off and on.
        client.config().setAutoRead(true);
        server.config().setAutoRead(true);
    }

    // ---- the client's side (this handler sits on the client's channel) ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        service.countIn(backend, buf.readableBytes());
        server.write(buf, server.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (established) {
            server.flush();
            if (!server.isWritable()) {
                client.config().setAutoRead(false);
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (established && client.isWritable() && !serverDone) {
            server.config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            clientDone = true;
            if (!established) {
                client.close();
            } else if (serverDone) {
                closeBoth();
            } else {
                shutdownOutputAfterFlush(server);
            }
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

    private void closeBoth() {
        closeAfterFlush(client);
        closeAfterFlush(server);
    }

    private static boolean nothingPending(Channel ch) {
        ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
        return out == null || out.isEmpty();
    }

    /** Passes a FIN on once what was read from the other side is written. */
    private static void shutdownOutputAfterFlush(Channel ch) {
        if (!(ch instanceof DuplexChannel d) || !ch.isActive() || d.isOutputShutdown()) {
            return;
        }
        if (nothingPending(ch)) {
            d.shutdownOutput();
        } else {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess() && ch.isActive()) {
                    d.shutdownOutput();
                }
            });
        }
    }

    /** Closes once what was read from the other side is written (at once when nothing is). */
    private static void closeAfterFlush(Channel ch) {
        if (ch == null || !ch.isOpen()) {
            return;
        }
        if (!ch.isActive() || nothingPending(ch) || (ch instanceof DuplexChannel d && d.isOutputShutdown())) {
            ch.close();
        } else {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Refuses the client with a reset (no destination, every attempt failed, over the limit). */
    private static void reset(Channel ch) {
        ch.config().setOption(ChannelOption.SO_LINGER, 0);
        ch.close();
    }

    /** The handler on the real server's channel: the way back. */
    private final class ServerSide extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            service.countOut(backend, buf.readableBytes());
            client.write(buf, client.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            client.flush();
            if (!client.isWritable()) {
                server.config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (server.isWritable() && !clientDone) {
                client.config().setAutoRead(true);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                serverDone = true;
                if (clientDone) {
                    closeBoth();
                } else {
                    shutdownOutputAfterFlush(client);
                }
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
