package io.stockroom.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Stockroom server started through the command line ({@code server --port 0 --data ...}) in a JVM
 * of its own, as CLI.md describes it, and the URL it prints once it listens.
 */
public final class CliServer {

  private static final String LISTENING = "listening on ";

  private CliServer() {}

  /** Starts {@code server --port 0 --data <data> extra...}; its standard error is discarded. */
  public static Process start(Path data, String... extra) throws IOException {
    return start(data, 0, extra);
  }

  /**
   * Starts {@code server --port <port> --data <data> extra...} (a restart on the port its clients
   * know); its standard error is discarded.
   */
  public static Process start(Path data, int port, String... extra) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            ChildJvm.command(
                "io.stockroom.cli.Main",
                "server",
                "--port",
                Integer.toString(port),
                "--data",
                data.toString()));
    cmd.addAll(List.of(extra));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /**
   * Reads the server's output until it says where it listens and returns that URL; the rest of the
   * output is left unread in {@code out}.
   *
   * @throws IllegalStateException when the server's output ends first (it exited)
   */
  public static String awaitUrl(BufferedReader out) {
    try {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith(LISTENING)) {
          return line.substring(LISTENING.length()).trim();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("the server exited before listening");
  }

  /** The same, reading {@code server}'s standard output. */
  public static String awaitUrl(Process server) {
    return awaitUrl(
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)));
  }

  /**
   * Where a CLI server of a test keeps its data: nothing extra on embedded H2, or {@code --db} of a
   * fresh schema on the PostgreSQL of {@code STOCKROOM_TEST_PG_URL} when the tests run there (the
   * schema is dropped on close).
   */
  public record Store(String[] args, String pgSchema) implements AutoCloseable {

    public static Store fresh() throws java.sql.SQLException {
      String url = pgUrl();
      if (url == null) {
        return new Store(new String[0], null);
      }
      String schema = "crash_" + java.util.UUID.randomUUID().toString().replace("-", "");
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
          java.sql.Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      return new Store(
          new String[] {"--db", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema},
          schema);
    }

    @Override
    public void close() throws java.sql.SQLException {
      if (pgSchema != null) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(pgUrl());
            java.sql.Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + pgSchema + " CASCADE");
        }
      }
    }

    private static String pgUrl() {
      String url = System.getProperty("stockroom.test.pg.url");
      if (url == null || url.isBlank()) {
        url = System.getenv("STOCKROOM_TEST_PG_URL");
      }
      return url == null || url.isBlank() ? null : url;
    }
  }
}
