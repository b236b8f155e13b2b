package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.TrackerStatus;

/**
 * One instance's use of one tracker: which instance, the tracker's status name and its weight.
 *
 * @param instance index of the instance in the node
 * @param name     the tracker's name in the instance's tracker set
 * @param weight   0: down means FAULT
 * @param reverse  the weight applies the other way round
 */
record TrackerBinding(int instance, String name, int weight, boolean reverse) {

    TrackerStatus status(boolean up) {
        return new TrackerStatus.UpDown(name, up, weight, reverse);
    }
}
