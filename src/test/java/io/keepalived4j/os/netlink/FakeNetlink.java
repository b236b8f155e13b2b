package io.keepalived4j.os.netlink;

import java.util.Optional;

/** For the daemon's in-memory kernel: netlink errors as the real socket reports them. */
public final class FakeNetlink {

    private FakeNetlink() {
    }

    public static NetlinkException error(int errno, String operation) {
        return new NetlinkException(errno, operation, Optional.empty());
    }
}
