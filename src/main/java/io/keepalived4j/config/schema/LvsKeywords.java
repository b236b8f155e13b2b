package io.keepalived4j.config.schema;

import java.util.List;

/** LVS blocks: virtual servers, real servers, health checkers (features.md sections 11-12). */
final class LvsKeywords {

    private LvsKeywords() {
    }

    static List<BlockSpec> specs() {
        return List.of(
                BlockSpec.builder("virtual_server_group").build(),
                BlockSpec.builder("virtual_server").value("lb_algo", "lb_kind", "protocol", "delay_loop")
                        .block("real_server", "real_server").build(),
                BlockSpec.builder("real_server").value("weight").block("TCP_CHECK", "TCP_CHECK").build(),
                BlockSpec.builder("TCP_CHECK").value("connect_timeout", "connect_port").build(),
                BlockSpec.builder("SSL").value("password", "ca", "certificate", "key").build());
    }
}
