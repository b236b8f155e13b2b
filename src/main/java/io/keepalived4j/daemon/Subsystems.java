package io.keepalived4j.daemon;

/** Which of keepalived's subsystems run: both (default), {@code -P} VRRP only, {@code -C} checkers only. */
public enum Subsystems {
    ALL, VRRP_ONLY, CHECKERS_ONLY;

    public static Subsystems fromFlags(boolean vrrpOnly, boolean checkersOnly) {
        if (vrrpOnly == checkersOnly) {
            return ALL; // keepalived: -P and -C together run both
        }
        return vrrpOnly ? VRRP_ONLY : CHECKERS_ONLY;
    }

    boolean vrrp() {
        return this != CHECKERS_ONLY;
    }

    boolean checkers() {
        return this != VRRP_ONLY;
    }
}
