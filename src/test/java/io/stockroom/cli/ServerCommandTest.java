package io.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.testing.CliServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code server} and {@code admin} commands of CLI.md, run as a real process where it counts.
 */
class ServerCommandTest {

  @Test
  void serverSeedsListensAndStopsCleanlyOnSigterm(@TempDir Path data) throws Exception {
    Process p = CliServer.start(data, "--demo", "--demo-items", "50");
    try {
      String url = CliServer.awaitUrl(p);
      assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> login =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/api/auth/login"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"username\":\"admin\",\"password\":\"admin\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(200);
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    // The store is intact and already seeded: a second start does not seed again.
    Process again = CliServer.start(data, "--demo");
    try {
      String url = CliServer.awaitUrl(again);
      assertThat(url).startsWith("http://127.0.0.1:");
    } finally {
      again.destroy();
      again.waitFor(20, TimeUnit.SECONDS);
      again.destroyForcibly();
    }
  }

  @Test
  void adminCreatesSitesAndUsers(@TempDir Path data) throws Exception {
    assertThat(
            run(
                data,
                "",
                "admin",
                "--data",
                data.toString(),
                "create-site",
                "EAST",
                "--name",
                "East"))
        .isZero();
    assertThat(
            run(
                data,
                "s3cret\n",
                "admin",
                "--data",
                data.toString(),
                "create-user",
                "ann",
                "--role",
                "staff",
                "--sites",
                "EAST",
                "--password-stdin"))
        .isZero();
    StringWriter out = new StringWriter();
    assertThat(
            Main.run(
                new String[] {"admin", "--data", data.toString(), "list-users"},
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)))
        .isZero();
    assertThat(out.toString()).contains("ann\tstaff\tEAST");
    // Her sites change: WEST instead of EAST. An unknown site or none at all changes nothing.
    assertThat(run(data, "", "admin", "--data", data.toString(), "create-site", "WEST")).isZero();
    assertThat(
            run(
                data,
                "",
                "admin",
                "--data",
                data.toString(),
                "set-sites",
                "ann",
                "--sites",
                "WEST"))
        .isZero();
    assertThat(
            run(
                data,
                "",
                "admin",
                "--data",
                data.toString(),
                "set-sites",
                "ann",
                "--sites",
                "NOPE"))
        .isEqualTo(2);
    assertThat(run(data, "", "admin", "--data", data.toString(), "set-sites", "ann")).isEqualTo(2);
    assertThat(
            run(
                data,
                "",
                "admin",
                "--data",
                data.toString(),
                "set-sites",
                "zed",
                "--sites",
                "WEST"))
        .isEqualTo(2);
    out = new StringWriter();
    Main.run(
        new String[] {"admin", "--data", data.toString(), "list-users"},
        new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true));
    assertThat(out.toString()).contains("ann\tstaff\tWEST").doesNotContain("EAST");
    // A duplicate, an unknown site and a bad role are one-line errors with exit code 2.
    assertThat(
            run(
                data,
                "x\n",
                "admin",
                "--data",
                data.toString(),
                "create-user",
                "ann",
                "--role",
                "staff",
                "--sites",
                "EAST",
                "--password-stdin"))
        .isEqualTo(2);
    assertThat(
            run(
                data,
                "x\n",
                "admin",
                "--data",
                data.toString(),
                "create-user",
                "bob",
                "--role",
                "staff",
                "--sites",
                "NOPE",
                "--password-stdin"))
        .isEqualTo(2);
    assertThat(
            run(
                data,
                "x\n",
                "admin",
                "--data",
                data.toString(),
                "create-user",
                "bob",
                "--role",
                "boss",
                "--password-stdin"))
        .isEqualTo(2);
  }

  @Test
  void wrongArgumentsExitWithCode2() {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {"server", "--port", "x"},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(
            Main.run(
                new String[] {"server", "--port", "1"},
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true)))
        .isEqualTo(2);
    assertThat(
            Main.run(
                new String[] {"server", "--port", "99999", "--data", "x"},
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true)))
        .isEqualTo(2);
  }

  private static int run(Path data, String stdin, String... args) {
    java.io.InputStream original = System.in;
    System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return Main.run(
          args,
          new PrintWriter(new StringWriter(), true),
          new PrintWriter(new StringWriter(), true));
    } finally {
      System.setIn(original);
    }
  }
}
