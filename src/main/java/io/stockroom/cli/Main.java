package io.stockroom.cli;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Entry point of {@code stockroom.jar}. Parses the command line of {@code CLI.md} and hands off to
 * one command; with no command it opens the desktop app. Wrong arguments print one line and exit 2.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs one command line in-process; tests call this. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Optional<DesktopArgs> desktop = DesktopArgs.parse(args);
    if (desktop.isPresent()) {
      // The common start (the installed launcher, no command): straight to the window.
      try {
        return DesktopCommand.open(desktop.get().profile(), desktop.get().smokeTest());
      } catch (UserError e) {
        err.println("error: " + e.getMessage());
        return e.exitCode();
      }
    }
    CommandLine cli = commandLine(out, err);
    return cli.execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new DesktopCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ex, argv) -> {
          ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see --help)");
          return CommandLine.ExitCode.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UserError userError) {
            commandLine.getErr().println("error: " + userError.getMessage());
            return userError.exitCode();
          }
          throw ex;
        });
    return cli;
  }
}
