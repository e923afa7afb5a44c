package autobench.cli;

import autobench.config.ConfigException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: subcommands are registered here, by hand. */
@Command(
        name = "autobench",
        mixinStandardHelpOptions = true,
        version = "AutoBench " + App.VERSION,
        description = "A self-hosted daily LLM coding arena.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            RunDayCommand.class,
            ScheduleCommand.class,
            RunsCommand.class,
            VerifyCommand.class,
            ModelsCommand.class,
            ResendCommand.class,
            CostCommand.class,
            RatingsCommand.class,
            RenderCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            BackupCommand.class,
            AdminCommand.class,
            PlanCommand.class
        })
public final class App implements Runnable {
    /** Written into exports' manifests. */
    static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new App());
        cl.registerConverter(LocalDate.class, s -> {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + s + "' is not a date; use YYYY-MM-DD");
            }
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ConfigException
                    || ex instanceof IllegalArgumentException
                    || ex instanceof IllegalStateException) {
                cmd.getErr().println("autobench: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }
}
