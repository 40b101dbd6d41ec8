package dev.mtasts.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mta-sts}: look at MTA-STS (RFC 8461) policies the way the James extension does.
 */
@Command(name = "mta-sts",
    mixinStandardHelpOptions = true,
    versionProvider = MtaStsCommand.Version.class,
    description = "Query and check MTA-STS (RFC 8461) policies the way the Apache James extension sees them.",
    subcommands = {QueryCommand.class, ParseCommand.class, CheckCommand.class, GenerateCommand.class,
        ReportsCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:policy found / input valid / check without errors / policy generated / reports read",
        "1:no policy / check found errors / no MX to generate a policy for / not ready to enforce",
        "2:usage error",
        "3:policy error (fetch, WebPKI, invalid policy) / input invalid / no report in the files",
        "4:temporary DNS failure (query, generate, reports --domain)"})
public final class MtaStsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line; an unexpected failure is reported in one line and exits with {@link ExitCodes#POLICY_ERROR}. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new MtaStsCommand());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("mta-sts: " + exception.getMessage());
            return ExitCodes.POLICY_ERROR;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: query, parse, check, generate or reports");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MtaStsCommand.class.getPackage().getImplementationVersion();
            return new String[] {"mta-sts " + (version == null ? "development build" : version)};
        }
    }
}
