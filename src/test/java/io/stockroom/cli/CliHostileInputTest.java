package io.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input at the commands beyond {@code local}'s fields (issue 15; {@link
 * LocalHostileInputTest} has those): profiles that are files or blank, damaged or foreign files to
 * replay, binary passwords, values with line breaks, hosts that are not this machine's. Each is one
 * line on standard error, never a stack trace, and changes nothing.
 */
class CliHostileInputTest {

  @TempDir Path tmp;

  private static void oneLine(Cli.Result r, int code) {
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void aProfileThatIsAFileOrBlankIsOneLine() throws Exception {
    Path file = Files.writeString(tmp.resolve("afile"), "hi");
    oneLine(Cli.local(file, "list-items"), 1);
    oneLine(Cli.local(file.resolve("below"), "list-items"), 1);
    Cli.Result blank = Cli.run("local", "--profile", "", "list-items");
    oneLine(blank, 1);
    assertThat(blank.err()).contains("no profile folder given");
    assertThat(Files.readString(file)).isEqualTo("hi");
  }

  @Test
  void anExistingFolderKeepsItsModesAndOnlyTheDatabaseIsMadePrivate() throws Exception {
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(Cli.local(shared, "add-item", "--sku", "S-1", "--name", "Shared").code()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
        .isEqualTo("rwxr-xr-x");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(shared.resolve("stockroom.mv.db"))))
        .isEqualTo("rw-------");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"truncated\":",
        "null",
        "[1,2]",
        "{}",
        "{\"id\":\"x\",\"idempotency_key\":\"y\",\"entity_id\":\"z\"}",
        "{\"id\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b01\","
            + "\"idempotency_key\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b02\","
            + "\"entity_id\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b03\","
            + "\"entity_type\":\"rockets\",\"action\":\"create\",\"payload\":\"{}\"}",
        "{\"id\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b01\","
            + "\"idempotency_key\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b02\","
            + "\"entity_id\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b03\","
            + "\"entity_type\":\"items\",\"action\":\"launch\",\"payload\":\"{}\"}",
        "{\"id\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b01\","
            + "\"idempotency_key\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b02\","
            + "\"entity_id\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b03\","
            + "\"entity_type\":\"items\",\"action\":\"create\",\"payload\":\"not json\"}",
        "{\"id\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b01\","
            + "\"idempotency_key\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b02\","
            + "\"entity_id\":\"6f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b03\","
            + "\"entity_type\":\"items\",\"action\":\"create\",\"payload\":\"{}\","
            + "\"base_version\":\"abc\"}"
      })
  void aFileThatIsNotAnExportIsOneLineAndQueuesNothing(String line) throws Exception {
    Path profile = tmp.resolve("p");
    assertThat(Cli.local(profile, "add-location", "--code", "A-1").code()).isZero();
    String before = Cli.local(profile, "queue", "--json").out();
    // A good line first: a bad line after it must not leave it queued alone.
    String good =
        "{\"id\":\"0f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b01\","
            + "\"idempotency_key\":\"0f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b02\","
            + "\"entity_id\":\"0f1c1a7e-93b5-4a55-9a55-6c0a3c1f2b03\","
            + "\"entity_type\":\"items\",\"action\":\"delete\",\"payload\":\"{}\"}";
    Path export = Files.writeString(tmp.resolve("x.jsonl"), good + "\n" + line + "\n");
    oneLine(Cli.local(profile, "replay", export.toString()), 1);
    assertThat(Cli.local(profile, "queue", "--json").out()).isEqualTo(before);
  }

  @Test
  void binaryIsNotAPassword() {
    Path data = tmp.resolve("server");
    Cli.Result r =
        Cli.withInput(
            "\u0001\u0002binary\u0000junk\n",
            "admin",
            "--data",
            data.toString(),
            "create-user",
            "zz",
            "--role",
            "admin",
            "--password-stdin");
    oneLine(r, 2);
    assertThat(r.err()).contains("not a line of text");
    Cli.Result users = Cli.run("admin", "--data", data.toString(), "list-users");
    assertThat(users.out()).doesNotContain("zz");
  }

  @Test
  void aValueWithLineBreaksIsQuotedOnOneLine() {
    Path profile = tmp.resolve("p");
    oneLine(Cli.local(profile, "stock", "--sku", "S\nX"), 2);
    oneLine(Cli.run("local", "--profile", profile.toString(), "--bogus\nx"), 2);
  }

  @Test
  void anAtSignIsPartOfTheValueNotAFileToRead() throws Exception {
    Path profile = tmp.resolve("p");
    Path secret = Files.writeString(tmp.resolve("note"), "Secret content", StandardCharsets.UTF_8);
    assertThat(Cli.local(profile, "add-item", "--sku", "AT-1", "--name", "@" + secret).code())
        .isZero();
    assertThat(Cli.local(profile, "list-items").out()).contains("@" + secret);
  }

  @ParameterizedTest
  @ValueSource(strings = {"999.1.1.1", "not a host", "8.8.8.8", ""})
  void aHostThatIsNotThisMachinesIsOneLine(String host) {
    Cli.Result r =
        Cli.run("server", "--port", "0", "--data", tmp.resolve("s").toString(), "--host", host);
    oneLine(r, 2);
    assertThat(r.err()).contains("--host");
  }

  @Test
  void aDemoOfANegativeSizeIsOneLine() {
    oneLine(
        Cli.run("demo", "--demo-items", "-5", "--no-window", "--dir", tmp.resolve("d").toString()),
        2);
    assertThat(tmp.resolve("d")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ftp://127.0.0.1:1", "127.0.0.1:8080", "http://[::1", "http://127.0.0.1:1"})
  void aSyncToNoServerIsOneLineAndKeepsTheQueue(String url) {
    Path profile = tmp.resolve("p");
    assertThat(Cli.local(profile, "add-item", "--sku", "Q-1", "--name", "Queued").code()).isZero();
    Cli.Result r =
        Cli.withInput(
            "demo\n",
            "sync",
            "--profile",
            profile.toString(),
            "--server",
            url,
            "--user",
            "demo",
            "--password-stdin");
    assertThat(r.code()).as(r.err()).isIn(2, 3);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(Cli.local(profile, "queue").out()).contains("items", "create", "pending");
  }
}
