package io.keepalived4j.control;

import io.keepalived4j.config.model.lvs.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The control channel's line protocol: every command, how servers are named, and what is refused. */
class ControlProtocolTest {

    private static ControlCommand ok(String line) {
        ControlProtocol.Parsed p = ControlProtocol.parse(line);
        assertThat(p).as(line).isInstanceOf(ControlProtocol.Ok.class);
        return ((ControlProtocol.Ok) p).command();
    }

    private static String error(String line) {
        ControlProtocol.Parsed p = ControlProtocol.parse(line);
        assertThat(p).as(line).isInstanceOf(ControlProtocol.Error.class);
        return ((ControlProtocol.Error) p).reason();
    }

    @Test
    void instanceCommandsParseWithCaseInsensitiveKeywordsAndNamesAsGiven() {
        assertThat(ok("show instances")).isEqualTo(new ControlCommand.ShowInstances());
        assertThat(ok("  SHOW   Servers ")).isEqualTo(new ControlCommand.ShowServers());
        assertThat(ok("set priority VI_1 120")).isEqualTo(new ControlCommand.SetPriority("VI_1", OptionalInt.of(120)));
        assertThat(ok("set priority VI_1 default")).isEqualTo(new ControlCommand.SetPriority("VI_1", OptionalInt.empty()));
        assertThat(ok("maintenance vi_1 ON")).isEqualTo(new ControlCommand.Maintenance("vi_1", true));
        assertThat(ok("maintenance VI_1 off")).isEqualTo(new ControlCommand.Maintenance("VI_1", false));
        assertThat(ok("help")).isEqualTo(new ControlCommand.Help());
        assertThat(ok("quit")).isEqualTo(new ControlCommand.Quit());
    }

    @Test
    void serversAreNamedByProtocolAddressAndPortOrByFwmark() {
        InetAddress vip = InetAddress.ofLiteral("10.0.0.1");
        InetAddress rs = InetAddress.ofLiteral("10.0.0.2");
        assertThat(ok("disable server 10.0.0.1:80 10.0.0.2:8080")).isEqualTo(new ControlCommand.ServerState(
                new ControlCommand.AddressService(Optional.empty(), vip, 80), new ControlCommand.Server(rs, 8080), false));
        assertThat(ok("enable server udp 10.0.0.1:53 10.0.0.2:53")).isEqualTo(new ControlCommand.ServerState(
                new ControlCommand.AddressService(Optional.of(Protocol.UDP), vip, 53), new ControlCommand.Server(rs, 53), true));
        assertThat(ok("set weight FWM 7 10.0.0.2:80 5")).isEqualTo(new ControlCommand.SetWeight(
                new ControlCommand.FwmarkService(7), new ControlCommand.Server(rs, 80), 5));
        assertThat(ok("set weight TCP [2001:db8::1]:443 [2001:db8::2]:443 0")).isEqualTo(new ControlCommand.SetWeight(
                new ControlCommand.AddressService(Optional.of(Protocol.TCP), InetAddress.ofLiteral("2001:db8::1"), 443),
                new ControlCommand.Server(InetAddress.ofLiteral("2001:db8::2"), 443), 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                        | empty command",
            "frobnicate                                | unknown command 'frobnicate'",
            "show                                      | show what?",
            "show instances now                        | expected 2 words",
            "set priority VI_1 0                       | priority must be 1..254 or default, not 0",
            "set priority VI_1 255                     | priority must be 1..254 or default, not 255",
            "set priority VI_1 -5                      | priority must be a number",
            "set priority VI_1                         | expected 4 words",
            "maintenance VI_1 maybe                    | maintenance takes on or off, not maybe",
            "disable 10.0.0.1:80 10.0.0.2:80           | disable what?",
            "disable server www.example.com:80 1.2.3.4:80 | not an IP address: www.example.com",
            "disable server 2001:db8::1:80 1.2.3.4:80  | expected ADDRESS:PORT (IPv6 as [ADDRESS]:PORT)",
            "disable server 10.0.0.1:99999 1.2.3.4:80  | port must be 0..65535",
            "disable server 10.0.0.1:80                | expected VS then RS",
            "set weight 10.0.0.1:80 10.0.0.2:80 70000  | weight must be 0..65535, not 70000",
            "set weight 10.0.0.1:80 10.0.0.2:80        | expected VS, RS then the weight",
            "set weight FWM 0 10.0.0.2:80 1            | fwmark must be 1..4294967295",
            "set weight 10.0.0.1:80 10.0.0.2:80 ٣       | weight must be a number",
    })
    void malformedLinesAreRefusedWithAReason(String line, String reason) {
        assertThat(error(line)).contains(reason);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(String.join("\n", ControlProtocol.help())).contains("show instances", "show servers", "set priority",
                "maintenance", "disable server", "enable server", "set weight", "quit");
    }

    @Test
    void logTextHasNoControlCharactersAndIsBounded() {
        assertThat(ControlProtocol.forLog("maintenance\u001b[31m VI_1 on")).isEqualTo("maintenance?[31m VI_1 on");
        assertThat(ControlProtocol.forLog("x".repeat(500))).hasSize(203);
    }

    @Test
    void aReplyEndsWithAnEmptyLineAndNeverContainsOne() {
        assertThat(ControlReply.ok("a", "", "b\nc").wire()).isEqualTo("a\n \nb c\n\n");
        assertThat(ControlReply.error("no vrrp_instance X").wire()).isEqualTo("ERR no vrrp_instance X\n\n");
    }
}
