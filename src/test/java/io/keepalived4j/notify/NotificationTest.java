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
    void notificationsOfOneInstanceRunOneAtATimeAndOnlyTheLatestWaits() {
        NotificationQueue q = new NotificationQueue();
        StateNotification backup = StateNotification.instance("VI_1", "BACKUP", 100);
        StateNotification master = StateNotification.instance("VI_1", "MASTER", 100);
        StateNotification fault = StateNotification.instance("VI_1", "FAULT", 100);
        StateNotification other = StateNotification.instance("VI_2", "MASTER", 50);
        assertThat(q.submit(backup)).contains(backup);
        assertThat(q.submit(master)).isEmpty();
        assertThat(q.submit(fault)).isEmpty();
        assertThat(q.submit(other)).as("another instance is not held up").contains(other);
        assertThat(q.waiting("VI_1", false)).as("one waiting entry, however many changes came").isEqualTo(1);
        assertThat(q.coalesced()).isEqualTo(1);
        assertThat(q.finished(backup)).as("the latest state, not the one it replaced").contains(fault);
        assertThat(q.finished(fault)).isEmpty();
        assertThat(q.submit(backup)).contains(backup);
    }

    @Test
    void otherKindsOfEventWaitApartFromStateChanges() {
        NotificationQueue q = new NotificationQueue();
        StateNotification master = StateNotification.instance("VI_1", "MASTER", 100);
        StateNotification rx = StateNotification.instance("VI_1", "MASTER_RX_LOWER_PRI", 100);
        StateNotification prio = StateNotification.instance("VI_1", "MASTER_PRIORITY", 90);
        StateNotification backup = StateNotification.instance("VI_1", "BACKUP", 90);
        assertThat(q.submit(master)).contains(master);
        assertThat(q.submit(rx)).as("not held up by the state change").contains(rx);
        assertThat(q.submit(prio)).contains(prio);
        assertThat(q.submit(backup)).isEmpty();
        assertThat(q.submit(StateNotification.instance("VI_1", "MASTER_RX_LOWER_PRI", 100))).isEmpty();
        assertThat(q.coalesced()).isZero();
        assertThat(q.finished(master)).contains(backup);
    }
}
