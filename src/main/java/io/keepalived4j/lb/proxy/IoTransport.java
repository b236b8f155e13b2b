package io.keepalived4j.lb.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Netty's native epoll transport where it loads (Linux x86-64: always, from the jar), else the
 * JDK's NIO. Only epoll offers IP_FREEBIND (a BACKUP listens on the VIP it does not hold yet) and
 * SO_REUSEPORT (one listening socket per event loop, so the kernel spreads accepts).
 */
record IoTransport(boolean epoll) {

    static IoTransport best() {
        return new IoTransport(Epoll.isAvailable());
    }

    static IoTransport nio() {
        return new IoTransport(false);
    }

    EventLoopGroup group(int threads) {
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("k4j-proxy", true), io);
    }

    /** A listening bootstrap; {@code freebind} when the address may not be local yet. */
    ServerBootstrap server(EventLoopGroup group, boolean reusePort) {
        ServerBootstrap b = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
        if (epoll) {
            b.option(EpollChannelOption.IP_FREEBIND, true);
            b.option(EpollChannelOption.SO_REUSEPORT, reusePort);
        }
        return b;
    }

    Bootstrap client() {
        return new Bootstrap().channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
    }

    Bootstrap datagram() {
        Bootstrap b = new Bootstrap().channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class);
        if (epoll) {
            b.option(EpollChannelOption.IP_FREEBIND, true);
        }
        return b;
    }

    String name() {
        return epoll ? "epoll" : "nio";
    }
}
