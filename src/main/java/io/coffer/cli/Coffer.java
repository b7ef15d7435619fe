package io.coffer.cli;

import io.coffer.CofferException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code coffer} command: runs the server and talks to it. Exit codes follow the BSD sysexits
 * convention: 0 success, 64 usage, 65 bad input, 66 not found, 69 server unavailable, 70 internal
 * error, 73 conflict with the library, 74 integrity failure (digest mismatch, damaged blob, broken
 * event log), 77 not authenticated or not allowed.
 */
@Command(name = "coffer", mixinStandardHelpOptions = true, versionProvider = Coffer.Version.class,
        description = "Coffer, a Definitive Software Library: master copies in, catalogued, out again.",
        subcommands = {ServeCommand.class, PushCommand.class, ListCommand.class, ShowCommand.class,
                PullCommand.class, SearchCommand.class, StatusCommand.class, VerifyCommand.class,
                LogCommand.class, ReleaseCommand.class, PolicyCommand.class, UserCommand.class,
                TokenCommand.class, ProvenanceCommand.class, CommandLine.HelpCommand.class})
public final class Coffer implements Runnable {

    /** Exit code for a command line that cannot be parsed. */
    static final int USAGE = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.getenv()));
    }

    /** Runs the command line with the given streams and environment; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
        CommandLine cli = new CommandLine(new Coffer(), new Factory(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, badArgs) -> {
            err.println("coffer: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CofferException ce) {
                err.println("coffer: " + ce.getMessage());
                return ce.failure().exitCode();
            }
            if (e instanceof java.io.IOException io) {
                err.println("coffer: " + io.getMessage());
                return 74;
            }
            err.println("coffer: internal error: " + e);
            return 70;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Gives every command the environment, so tests can run the CLI with their own. */
    private record Factory(java.util.Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K instance = CommandLine.defaultFactory().create(cls);
            if (instance instanceof ClientCommand client) {
                client.env = env;
            }
            if (instance instanceof ServeCommand serve) {
                serve.env = env;
            }
            return instance;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Coffer.class.getPackage().getImplementationVersion();
            return new String[] {"coffer " + (v == null ? "(development build)" : v)};
        }
    }
}
