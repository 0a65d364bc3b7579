package io.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockroom.server.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {

  @TempDir Path tmp;

  @Test
  void syncPullsPushesAndPrintsJson() throws Exception {
    try (TestServer server = TestServer.start(tmp.resolve("server"))) {
      Path profile = tmp.resolve("profile");
      StringWriter out = new StringWriter();
      assertThat(
              run(
                  out,
                  "demo\n",
                  "local",
                  "--profile",
                  profile.toString(),
                  "add-item",
                  "--sku",
                  "CLI-1",
                  "--name",
                  "From the command line"))
          .isZero();
      out.getBuffer().setLength(0);
      int code =
          run(
              out,
              "demo\n",
              "sync",
              "--profile",
              profile.toString(),
              "--server",
              server.url(),
              "--user",
              "demo",
              "--password-stdin",
              "--json");
      assertThat(code).isZero();
      JsonNode json = new ObjectMapper().readTree(out.toString().strip());
      assertThat(json.get("pulled").asInt()).isGreaterThanOrEqualTo(20);
      assertThat(json.get("accepted").asInt()).isEqualTo(1);
      assertThat(json.get("failed").asInt()).isZero();
      assertThat(json.get("bytes_received").asLong()).isPositive();
      for (String field :
          new String[] {"pushed", "conflicts", "rejected", "bytes_sent", "millis"}) {
        assertThat(json.has(field)).isTrue();
      }
    }
  }

  @Test
  void aUserOfSeveralSitesNamesTheSite() throws Exception {
    try (TestServer server = TestServer.start(tmp.resolve("server"), 2)) {
      server
          .server()
          .accounts()
          .createUser(
              "both",
              io.stockroom.server.auth.Role.STAFF,
              java.util.List.of("MAIN", "OTHER"),
              "both");
      Path profile = tmp.resolve("two");
      StringWriter out = new StringWriter();
      String[] args = {
        "sync",
        "--profile",
        profile.toString(),
        "--server",
        server.url(),
        "--user",
        "both",
        "--password-stdin",
        "--site",
        "NOWHERE"
      };
      assertThat(run(out, "both\n", args)).isNotZero();
      args[args.length - 1] = "other";
      assertThat(run(out, "both\n", args)).isZero();
      try (io.stockroom.store.LocalStore store =
          io.stockroom.store.LocalStore.open(
              profile, java.time.Clock.systemUTC(), io.stockroom.domain.IdGenerator.secure())) {
        assertThat(store.locations().currentSite().code()).isEqualTo("OTHER");
      }
    }
  }

  @Test
  void unreachableServerExitsNonZeroAndKeepsTheQueue() {
    Path profile = tmp.resolve("p");
    StringWriter out = new StringWriter();
    run(
        out,
        "",
        "local",
        "--profile",
        profile.toString(),
        "add-item",
        "--sku",
        "Q-1",
        "--name",
        "Queued");
    int code =
        run(
            out,
            "demo\n",
            "sync",
            "--profile",
            profile.toString(),
            "--server",
            "http://127.0.0.1:1",
            "--user",
            "demo",
            "--password-stdin");
    assertThat(code).isNotZero();
    out.getBuffer().setLength(0);
    run(out, "", "local", "--profile", profile.toString(), "queue", "--json");
    assertThat(out.toString()).contains("\"entity\":\"items\"").contains("\"status\":\"pending\"");
  }

  @Test
  void badServerUrlIsAOneLineError() {
    StringWriter err = new StringWriter();
    java.io.InputStream original = System.in;
    System.setIn(new java.io.ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)));
    try {
      int code =
          Main.run(
              new String[] {
                "sync",
                "--profile",
                tmp.toString(),
                "--server",
                "ftp://x",
                "--user",
                "u",
                "--password-stdin"
              },
              new PrintWriter(new StringWriter(), true),
              new PrintWriter(err, true));
      assertThat(code).isEqualTo(2);
      assertThat(err.toString().strip().lines()).hasSize(1);
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void demoPreparesAServerAndASignedInProfile() {
    StringWriter out = new StringWriter();
    int code =
        run(
            out,
            "",
            "demo",
            "--dir",
            tmp.resolve("demo").toString(),
            "--demo-items",
            "50",
            "--no-window");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("demo server listening on http://127.0.0.1:");
    assertThat(out.toString()).contains("signed in as demo; first sync: ok");
  }

  private static int run(StringWriter out, String stdin, String... args) {
    java.io.InputStream original = System.in;
    System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return Main.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    } finally {
      System.setIn(original);
    }
  }
}
