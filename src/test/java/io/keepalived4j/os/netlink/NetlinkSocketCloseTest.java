package io.keepalived4j.os.netlink;

import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A daemon's stop closes its sockets before it joins their threads, so a netlink socket is closed
 * while another thread is blocked in its receive. The close must not throw (it did: "Session is
 * acquired by 1 clients", the receive buffer's arena was in use), the blocked receive must come back
 * without an error when its timeout elapses, and no receive may start afterwards.
 */
class NetlinkSocketCloseTest {

    @Test
    void closingUnderABlockedReceiveIsQuietOnBothSides() throws Exception {
        Root.assumeRootOrFailOnCi();
        NetlinkSocket socket = NetlinkSocket.open(0); // no groups: nothing will arrive
        socket.receiveTimeout(Duration.ofMillis(800));
        CompletableFuture<List<NetlinkMessage>> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return socket.receive();
            } catch (NetlinkException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200); // the reader is in its recv now
        assertThatCode(socket::close).doesNotThrowAnyException();
        assertThat(blocked.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThatThrownBy(socket::receive).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatCode(socket::close).as("idempotent").doesNotThrowAnyException();
    }
}
