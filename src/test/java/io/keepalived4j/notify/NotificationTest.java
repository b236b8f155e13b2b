package io.keepalived4j.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTest {

    @Test
    void fifoLinesAndNotifyArgumentsAreKeepalivedsFormats() {
        StateNotification master = StateNotification.instance("VI_1", "MASTER", 100);
        assertThat(master.fifoLine()).isEqualTo("INSTANCE \"VI_1\" MASTER 100\n");
        assertThat(master.notifyArguments()).containsExactly("INSTANCE", "VI_1", "MASTER", "100");
        assertThat(master.scriptKeyword()).isEqualTo("notify_master");
        StateNotification group = StateNotification.group("G1", "backup");
        assertThat(group.fifoLine()).isEqualTo("GROUP \"G1\" BACKUP 0\n");
        assertThat(group.notifyArguments()).containsExactly("GROUP", "G1", "BACKUP", "0");
    }

    @Test
    void notificationsOfOneInstanceRunOneAtATimeInOrder() {
        NotificationQueue q = new NotificationQueue();
        StateNotification backup = StateNotification.instance("VI_1", "BACKUP", 100);
        StateNotification master = StateNotification.instance("VI_1", "MASTER", 100);
        StateNotification fault = StateNotification.instance("VI_1", "FAULT", 100);
        StateNotification other = StateNotification.instance("VI_2", "MASTER", 50);
        assertThat(q.submit(backup)).contains(backup);
        assertThat(q.submit(master)).isEmpty();
        assertThat(q.submit(fault)).isEmpty();
        assertThat(q.submit(other)).as("another instance is not held up").contains(other);
        assertThat(q.waiting("VI_1", false)).isEqualTo(2);
        assertThat(q.finished(backup)).contains(master);
        assertThat(q.finished(master)).contains(fault);
        assertThat(q.finished(fault)).isEmpty();
        assertThat(q.submit(backup)).contains(backup);
    }
}
