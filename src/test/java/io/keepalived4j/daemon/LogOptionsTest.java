package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keepalived4j.os.Syslog;
import org.junit.jupiter.api.Test;

class LogOptionsTest {

    @Test
    void noFlagsMeansSyslogOnFacilityDaemonAsKeepalived() {
        LogOptions o = LogOptions.fromFlags(false, false, null, false);

        assertThat(o).isEqualTo(LogOptions.defaults());
        assertThat(o.facility()).isEqualTo(Syslog.LOG_DAEMON);
        assertThat(o.ident()).isEqualTo("Keepalived_vrrp");
    }

    @Test
    void dashSNumberSelectsLocalFacility() {
        assertThat(LogOptions.fromFlags(true, true, 0, false).facility()).isEqualTo(16);
        assertThat(LogOptions.fromFlags(true, true, 7, true)).isEqualTo(new LogOptions(true, true, false, 23, "Keepalived_vrrp"));
        assertThatThrownBy(() -> LogOptions.fromFlags(false, false, 8, false)).hasMessageContaining("LOG_LOCAL0-7");
    }

    @Test
    void facilityNamesAreParsedLikeKeepalived() {
        assertThat(LogOptions.parseFacility("3")).isEqualTo(19);
        assertThat(LogOptions.parseFacility("local6")).isEqualTo(22);
        assertThat(LogOptions.parseFacility("daemon")).isEqualTo(3);
        assertThat(LogOptions.parseFacility("user")).isEqualTo(1);
        assertThatThrownBy(() -> LogOptions.parseFacility("kern")).hasMessageContaining("invalid log facility 'kern'");
        assertThatThrownBy(() -> LogOptions.parseFacility("local12")).isInstanceOf(IllegalArgumentException.class);
    }
}
