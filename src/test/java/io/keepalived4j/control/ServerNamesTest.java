package io.keepalived4j.control;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.lvs.VirtualServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a command's VS and RS find the configured servers: by protocol, address and port, or fwmark. */
class ServerNamesTest {

    private static final String CONFIG = """
            virtual_server 10.0.0.1 53 {
              protocol UDP
              real_server 10.0.0.2 53 {
              }
            }
            virtual_server 10.0.0.1 53 {
              protocol TCP
              real_server 10.0.0.2 53 {
              }
            }
            virtual_server 10.0.0.1 80 {
              protocol TCP
              real_server 10.0.0.3 8080 {
              }
            }
            virtual_server fwmark 7 {
              protocol TCP
              real_server 10.0.0.4 80 {
              }
            }
            """;

    private static final List<VirtualServer> SERVICES = ConfigLoader.loadText("test.conf", CONFIG,
            LoadOptions.withConfigId("test")).model().lvs().virtualServers();

    private static ServerNames.Found find(String line) {
        var cmd = (ControlCommand.ServerState) ((ControlProtocol.Ok) ControlProtocol.parse(line)).command();
        return ServerNames.resolve(SERVICES, cmd.service(), cmd.server());
    }

    @Test
    void protocolAddressAndPortOrFwmarkNameOneServer() {
        assertThat(find("disable server udp 10.0.0.1:53 10.0.0.2:53")).isEqualTo(
                new ServerNames.Servers(SERVICES.get(0), SERVICES.get(0).realServers().getFirst()));
        assertThat(find("disable server TCP 10.0.0.1:53 10.0.0.2:53")).isEqualTo(
                new ServerNames.Servers(SERVICES.get(1), SERVICES.get(1).realServers().getFirst()));
        // No protocol given: the only virtual server on port 80.
        assertThat(find("disable server 10.0.0.1:80 10.0.0.3:8080")).isInstanceOf(ServerNames.Servers.class);
        assertThat(find("disable server TCP 10.0.0.1:80 10.0.0.3:8080")).isInstanceOf(ServerNames.Servers.class);
        assertThat(find("disable server FWM 7 10.0.0.4:80")).isEqualTo(
                new ServerNames.Servers(SERVICES.get(3), SERVICES.get(3).realServers().getFirst()));
    }

    @Test
    void ambiguousAndUnknownNamesSayWhy() {
        assertThat(find("disable server 10.0.0.1:53 10.0.0.2:53")).isEqualTo(
                new ServerNames.Missing("more than one virtual server is 10.0.0.1:53: name its protocol"));
        assertThat(find("disable server UDP 10.0.0.1:80 10.0.0.3:8080")).isEqualTo(
                new ServerNames.Missing("no virtual server UDP 10.0.0.1:80"));
        assertThat(find("disable server FWM 7 10.0.0.4:81")).isEqualTo(
                new ServerNames.Missing("virtual server FWM 7 has no real server 10.0.0.4:81"));
    }
}
