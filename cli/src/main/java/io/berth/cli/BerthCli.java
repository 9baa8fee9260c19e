package io.berth.cli;

import io.berth.common.net.HostAddress;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth}, berth's docker-like command line. Only {@code berth version} exists for now. The daemon is
 * found as the docker CLI finds it: {@code -H/--host}, else {@code $DOCKER_HOST}, else
 * {@code unix:///var/run/docker.sock}.
 */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = BerthCli.Version.class,
        description = "berth's command-line client.", subcommands = {VersionCommand.class})
public final class BerthCli implements Runnable {
    @Option(names = {"-H", "--host"}, paramLabel = "ADDR",
            description = "Daemon socket to connect to (default: $DOCKER_HOST or " + HostAddress.DEFAULT + ")")
    String host;

    private final UnaryOperator<String> env;

    /** A CLI reading the process environment. */
    public BerthCli() {
        this(System::getenv);
    }

    /** @param env the environment lookup (tests pass their own) */
    BerthCli(UnaryOperator<String> env) {
        this.env = env;
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BerthCli()).execute(args));
    }

    /** @return the daemon address: -H, else DOCKER_HOST, else the default socket (unparsed) */
    String hostSpec() {
        return host != null ? host : env.apply("DOCKER_HOST");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command (try: berth version)");
    }

    /** {@code berth --version}: the client version, one line. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"berth version " + CliVersion.version()};
        }
    }
}
