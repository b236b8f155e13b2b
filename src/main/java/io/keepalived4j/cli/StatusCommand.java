package io.keepalived4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code keepalived4j status}: the running daemon's status as tables (VRRP instances first, then
 * the pools as {@code ipvsadm -ln} lays them out), read from its status endpoint, which the daemon
 * serves when started with {@code --status-address}.
 */
@Command(name = "status", description = "Print the running daemon's status as tables (VRRP, then the pools); "
        + "needs the daemon started with --status-address")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--address"}, paramLabel = "[HOST:]PORT", converter = KeepalivedCommand.StatusAddressConverter.class,
            description = "The daemon's --status-address (default 127.0.0.1:" + StatusAddress.DEFAULT_PORT + ")")
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", StatusAddress.DEFAULT_PORT);

    @Option(names = "--json", description = "Print the JSON status instead of tables")
    boolean json;

    @Option(names = "--metrics", description = "Print the Prometheus metrics instead of tables")
    boolean metrics;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String path = json ? "/status" : metrics ? "/metrics" : "/status.txt";
        String host = address.getAddress().getHostAddress();
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + path);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                err.print("keepalived4j status: " + uri + " answered " + r.statusCode() + ": " + r.body());
                return 1;
            }
            out.print(r.body());
            return 0;
        } catch (IOException e) {
            err.println("keepalived4j status: no status endpoint at " + uri + " (" + e.getMessage()
                    + "): is the daemon running with --status-address " + address.getPort() + "?");
            return 1;
        }
    }
}
