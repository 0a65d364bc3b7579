package io.stockroom.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process, as the tests of the CLI do, and keeps what it printed. */
final class Cli {

  private Cli() {}

  record Result(int code, String out, String err) {}

  static Result run(String... argv) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(argv, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** {@code local --profile DIR args...} */
  static Result local(Path profile, String... args) {
    List<String> argv = new ArrayList<>(List.of("local", "--profile", profile.toString()));
    argv.addAll(List.of(args));
    return run(argv.toArray(String[]::new));
  }

  /** The same as {@link #run}, with {@code input} on standard input (a password). */
  static Result withInput(String input, String... argv) {
    InputStream original = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      return run(argv);
    } finally {
      System.setIn(original);
    }
  }
}
