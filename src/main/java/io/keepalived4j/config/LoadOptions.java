package io.keepalived4j.config;

import io.keepalived4j.config.syntax.Limits;

/**
 * How to read a configuration.
 *
 * @param configId   the {@code -i} value used by {@code @ID} lines and {@code ${_INSTANCE}}
 * @param limits     work budgets for hostile input
 * @param randomSeed seed for {@code ${_RANDOM}}
 * @param allConfig  keepalived's {@code -e}: a missing include file is an error
 */
public record LoadOptions(String configId, Limits limits, long randomSeed, boolean allConfig) {

    public LoadOptions(String configId, Limits limits, long randomSeed) {
        this(configId, limits, randomSeed, false);
    }

    public LoadOptions withAllConfig(boolean all) {
        return new LoadOptions(configId, limits, randomSeed, all);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(defaultConfigId(), Limits.DEFAULT, System.nanoTime());
    }

    public static LoadOptions withConfigId(String id) {
        return new LoadOptions(id == null ? defaultConfigId() : id, Limits.DEFAULT, System.nanoTime());
    }

    /** The kernel's host name (keepalived's default router_id and SMTP HELO name). */
    public static String hostName() {
        return HostName.get();
    }

    /** keepalived's default: the host name up to the first dot. */
    public static String defaultConfigId() {
        String host = HostName.get();
        int dot = host.indexOf('.');
        return dot > 0 ? host.substring(0, dot) : host;
    }
}
