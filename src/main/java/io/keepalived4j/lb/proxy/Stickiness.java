package io.keepalived4j.lb.proxy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Where persistence ({@code persistence_timeout}) plugs into a proxied service; {@link #NONE} without it. */
interface Stickiness {

    /** The destination {@code client} is bound to, if it is still one of {@code current}. */
    Optional<Backend> lookup(String service, InetAddress client, List<Backend> current);

    /** {@code client} was just scheduled to {@code b}: a connection to it opens. */
    void remember(String service, InetAddress client, Backend b);

    /** A connection of {@code client} to {@code b} ended. */
    void released(String service, InetAddress client, Backend b);

    /** A connection of {@code client} to {@code b} could not be established. */
    void failed(String service, InetAddress client, Backend b);

    /** {@code b} left the pool. */
    void forgetDestination(String service, Backend b);

    Stickiness NONE = new Stickiness() {
        @Override
        public Optional<Backend> lookup(String service, InetAddress client, List<Backend> current) {
            return Optional.empty();
        }

        @Override
        public void remember(String service, InetAddress client, Backend b) {
        }

        @Override
        public void released(String service, InetAddress client, Backend b) {
        }

        @Override
        public void failed(String service, InetAddress client, Backend b) {
        }

        @Override
        public void forgetDestination(String service, Backend b) {
        }
    };
}
