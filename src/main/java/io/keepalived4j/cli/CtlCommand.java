package io.keepalived4j.cli;

import io.keepalived4j.control.ControlClient;
import io.keepalived4j.control.ControlReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code keepalived4j ctl COMMAND...}: one command to the running daemon's control channel, its
 * answer printed. Exit status 0 when the daemon did it, 1 when it refused or could not, 3 when the
 * channel cannot be reached.
 *
 * <pre>
 * keepalived4j ctl maintenance VI_1 on
 * keepalived4j ctl set priority VI_1 120
 * keepalived4j ctl disable server TCP 10.0.0.1:80 10.0.0.2:80
 * </pre>
 */
@Command(name = "ctl", description = "Send a runtime control command to the running daemon (root only): "
        + "show instances | show servers | set priority INSTANCE N|default | maintenance INSTANCE on|off | "
        + "disable server VS RS | enable server VS RS | set weight VS RS N | help")
public final class CtlCommand implements Callable<Integer> {

    static final String DEFAULT_SOCKET = "/run/keepalived4j.sock";
    static final int EXIT_UNREACHABLE = 3;

    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--socket"}, paramLabel = "PATH", description = "The daemon's control socket (default "
            + DEFAULT_SOCKET + ")")
    Path socket = Path.of(DEFAULT_SOCKET);

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments")
    List<String> words;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ControlReply reply;
        try {
            reply = ControlClient.send(socket, String.join(" ", words));
        } catch (IOException e) {
            err.println("keepalived4j ctl: cannot reach the control channel " + socket + ": " + e.getMessage());
            return EXIT_UNREACHABLE;
        } catch (IllegalArgumentException e) {
            err.println("keepalived4j ctl: " + e.getMessage());
            return 2;
        }
        (reply.ok() ? out : err).print(String.join("\n", reply.lines()) + (reply.lines().isEmpty() ? "" : "\n"));
        return reply.ok() ? 0 : 1;
    }
}
