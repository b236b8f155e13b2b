package io.keepalived4j.config.model;

import java.util.List;

/**
 * Everything the VRRP side runs.
 *
 * @param instances  vrrp_instance blocks that survived validation, in file order
 */
public record VrrpSection(List<VrrpInstance> instances) {
}
