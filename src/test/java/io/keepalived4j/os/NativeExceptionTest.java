package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Runs without root: the messages an unprivileged user would see, and real failing calls. */
class NativeExceptionTest {

    @Test
    void missingPrivilegeNamesTheCallTheErrnoAndTheFix() {
        NativeException e = NativeException.ofSocketCall("socket(AF_INET, SOCK_RAW, 112)", 1);

        assertThat(e).hasMessage("socket(AF_INET, SOCK_RAW, 112): Operation not permitted (EPERM): need root or CAP_NET_RAW");
        assertThat(e.errno()).isEqualTo(1);
        assertThat(NativeException.ofSocketCall("socket(AF_PACKET, SOCK_RAW, 0)", 13))
                .hasMessage("socket(AF_PACKET, SOCK_RAW, 0): Permission denied (EACCES): need root or CAP_NET_RAW");
    }

    @Test
    void otherErrnosGetLibcTextAndSymbolicNameWithoutAHint() {
        assertThat(NativeException.ofSocketCall("bind(10.9.9.9)", 99))
                .hasMessage("bind(10.9.9.9): Cannot assign requested address (EADDRNOTAVAIL)");
        assertThat(NativeException.of("setsockopt(IP_TTL=0)", 22, null))
                .hasMessage("setsockopt(IP_TTL=0): Invalid argument (EINVAL)");
        assertThat(NativeException.errnoName(19)).isEqualTo("ENODEV");
        assertThat(NativeException.errnoName(4095)).isEqualTo("errno 4095");
    }

    @Test
    void unknownInterfaceIsAnEnodevFromTheKernel() {
        assertThatThrownBy(() -> NetworkInterfaces.index("k4jnosuchif0"))
                .isInstanceOf(NativeException.class)
                .hasMessage("if_nametoindex(k4jnosuchif0): No such device (ENODEV)")
                .satisfies(t -> assertThat(((NativeException) t).errno()).isEqualTo(19));
    }

    @Test
    void unknownInterfaceIndexFails() {
        assertThatThrownBy(() -> NetworkInterfaces.name(Integer.MAX_VALUE))
                .isInstanceOf(NativeException.class)
                .hasMessageStartingWith("if_indextoname(2147483647): ")
                .hasMessageContaining("(ENXIO)");
    }
}
