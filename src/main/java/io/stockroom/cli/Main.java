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
    if (args.length == 0 || !"server".equals(args[0])) {
      LogConfig.quiet();
    }
    Optional<DesktopArgs> desktop = DesktopArgs.parse(args);
    if (desktop.isPresent()) {
      // The common start (the installed launcher, no command): straight to the window.
      try {
        return DesktopCommand.open(desktop.get().profile(), desktop.get().smokeTest());
      } catch (UserError e) {
        err.println("error: " + oneLine(e.getMessage()));
        return e.exitCode();
      }
    }
    CommandLine cli = commandLine(out, err);
    int code = cli.execute(args);
    if (out.checkError() && code == 0) {
      // A full disk or a closed pipe: what the command printed did not arrive.
      err.println("error: the output could not be written");
      return 1;
    }
    return code;
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new DesktopCommand());
    cli.setOut(out);
    cli.setErr(err);
    // "@file" in a value is the value, not a file whose words are read as arguments.
    cli.setExpandAtFiles(false);
    cli.setParameterExceptionHandler(
        (ex, argv) -> {
          ex.getCommandLine()
              .getErr()
              .println("error: " + oneLine(ex.getMessage()) + " (see --help)");
          return CommandLine.ExitCode.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UserError userError) {
            commandLine.getErr().println("error: " + oneLine(userError.getMessage()));
            return userError.exitCode();
          }
          // Anything else is still one line for the user, never a trace: what failed and why.
          commandLine.getErr().println("error: " + oneLine(describe(ex)));
          return 1;
        });
    return cli;
  }

  /** The message of a failure and of its first cause that adds something, else its kind. */
  static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return "unexpected " + e.getClass().getSimpleName() + " (a bug: please report it)";
    }
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      String first = cause.getMessage().lines().findFirst().orElse("");
      if (!first.isBlank()) {
        return message + " (" + first + ")";
      }
    }
    return message;
  }

  /**
   * A message on one line, whatever values it quotes: line breaks and other control characters are
   * shown escaped, and a very long one is cut.
   */
  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(message.length(), 500));
    for (int i = 0; i < message.length() && b.length() < 500; i++) {
      char c = message.charAt(i);
      if (c == '\n') {
        b.append("\\n");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (b.length() >= 500) {
      b.append("...");
    }
    return b.toString();
  }
}
