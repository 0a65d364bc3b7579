package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.agent.SiteChoice;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Site;
import io.stockroom.server.TestServer;
import io.stockroom.server.auth.Role;
import io.stockroom.store.LocalStore;
import io.stockroom.sync.TokenFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in dialog of the real app, headless, against the real server in process:
 *
 * <pre>
 * account dialog  accountButton, serverUrlField, serverUrlProblem, userField, passwordField,
 *                 signInButton (Alt+S), signOutButton, siteChoice, useSiteButton, accountMessage,
 *                 accountDetails
 * </pre>
 */
class AccountAppTest extends AppUiTestBase {

  @TempDir Path tmp;
  TestServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = TestServer.start(tmp.resolve("server"), 5);
    server.server().accounts().createUser("both", Role.STAFF, List.of("MAIN", "OTHER"), "both");
    AppConfig config =
        new AppConfig(tmp.resolve("laptop"), Clock.systemUTC(), IdGenerator.secure());
    startApp(() -> new StockroomApp(config));
    clickOn("#accountButton");
    eventually(() -> lookup("#serverUrlField").tryQuery().isPresent());
  }

  @AfterEach
  void stopServer() throws Exception {
    stopApp();
    server.close();
  }

  private boolean signInEnabled() {
    return onFx(() -> !node("signInButton").isDisabled());
  }

  private void signInWith(String url, String user, String password) {
    fill("serverUrlField", url);
    fill("userField", user);
    fill("passwordField", password);
  }

  @Test
  void theAddressIsCheckedWhileTypingAndAWrongPasswordIsSaidPlainly() {
    fill("userField", "demo");
    fill("serverUrlField", "server:8080");
    eventually(() -> visible("serverUrlProblem"));
    assertThat(text("serverUrlProblem")).startsWith("Start the address with http:// or https://");
    assertThat(signInEnabled()).isFalse();
    // Directly under the field, in the same column.
    assertThat(
            onFx(
                () -> {
                  Node field = node("serverUrlField");
                  Node problem = node("serverUrlProblem");
                  return problem.localToScene(0, 0).getY() > field.localToScene(0, 0).getY()
                      && problem.localToScene(0, 0).getX() == field.localToScene(0, 0).getX();
                }))
        .isTrue();

    fill("serverUrlField", server.url() + "?x=1");
    eventually(() -> text("serverUrlProblem").contains("no query"));
    assertThat(signInEnabled()).isFalse();

    signInWith(server.url(), "demo", "wrong");
    eventually(() -> !visible("serverUrlProblem") && signInEnabled());
    // Alt+S is Sign in.
    press(KeyCode.ALT, KeyCode.S).release(KeyCode.S, KeyCode.ALT);
    eventually(() -> text("accountMessage").startsWith("Wrong user name or password."));
    assertThat(text("accountDetails"))
        .isEqualTo("Details: Server answered 401 invalid_credentials.");
    assertThat(text("statusConnection"))
        .isEqualTo(io.stockroom.app.status.StatusBarViewModel.NOT_CONNECTED);
    assertThat(Files.exists(tmp.resolve("laptop").resolve(TokenFile.NAME))).isFalse();
  }

  @Test
  void anUnreachableServerIsSaidPlainly() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    signInWith("http://127.0.0.1:" + port, "demo", "demo");
    type(KeyCode.ENTER); // Sign in is the default button
    eventually(
        () -> text("accountMessage").startsWith("Cannot reach the sync server at 127.0.0.1:"));
    assertThat(text("accountMessage")).contains("keep working");
    assertThat(text("accountDetails")).startsWith("Details: network:");
    assertThat(onFx(() -> node("signOutButton").isDisabled())).isTrue();
    // The dialog grew to show the message and its details; the user may resize it.
    eventually(
        () -> {
          javafx.scene.control.DialogPane pane =
              (javafx.scene.control.DialogPane) node("accountMessage").getScene().getRoot();
          javafx.stage.Stage window = (javafx.stage.Stage) pane.getScene().getWindow();
          return window.isResizable() && pane.getHeight() + 0.5 >= pane.prefHeight(pane.getWidth());
        });
  }

  @Test
  void aUserOfTwoSitesChoosesOneAndTheLaptopWorksThere() throws Exception {
    signInWith(server.url(), "both", "both");
    assertThat(visible("siteChoice")).isFalse();
    clickOn("#signInButton");
    eventually(() -> visible("siteChoice"));
    assertThat(text("accountMessage")).startsWith("You work in 2 warehouses.");
    assertThat(onFx(() -> node("serverUrlField").isDisabled())).isTrue();
    runOnFx(
        () -> {
          ComboBox<SiteChoice> box = node("siteChoice");
          assertThat(box.getItems()).extracting(SiteChoice::code).containsExactly("MAIN", "OTHER");
          box.setValue(
              box.getItems().stream().filter(s -> s.code().equals("OTHER")).findFirst().get());
        });
    clickOn("#useSiteButton");
    eventually(
        () ->
            text("accountMessage")
                .equals("Signed in as both, working in OTHER · Other warehouse."));
    assertThat(visible("siteChoice")).isFalse();
    eventually(() -> text("statusConnection").startsWith("Online"));
    assertThat(onFx(() -> node("signOutButton").isDisabled())).isFalse();
    stopApp();

    try (LocalStore store =
        LocalStore.open(tmp.resolve("laptop"), Clock.systemUTC(), IdGenerator.secure())) {
      Site site = store.locations().currentSite();
      assertThat(site.code()).isEqualTo("OTHER");
    }
    assertThat(tmp.resolve("laptop").resolve(TokenFile.NAME)).exists();
  }

  @Test
  void anIdleLaptopShowsTheServerGoAndComeBackWithoutASync() {
    signInWith(server.url(), "demo", "demo");
    clickOn("#signInButton");
    eventually(() -> text("statusConnection").equals("Online (live)"));
    type(KeyCode.ESCAPE);
    String lastSync = text("statusLastSync");
    server.stop();
    // Nobody syncs: the live channel's heartbeat notices (issue 16: within 5 s; the wait allows
    // for a loaded machine).
    eventually(() -> text("statusConnection").startsWith("Offline"));
    assertThat(text("statusLastSync")).isEqualTo(lastSync);

    server.restart(); // back on the same address: the probe finds it, the live channel reopens
    eventually(() -> text("statusConnection").equals("Online (live)"));
  }

  @Test
  void signOutForgetsTheToken() {
    signInWith(server.url(), "demo", "demo");
    clickOn("#signInButton");
    eventually(
        () ->
            text("accountMessage").equals("Signed in as demo, working in MAIN · Main warehouse."));
    Path token = tmp.resolve("laptop").resolve(TokenFile.NAME);
    assertThat(token).exists();
    eventually(() -> text("accountButton").equals("Account..."));
    // The first sign-in fills the item list without a restart.
    eventually(() -> text("itemsSummary").equals("5 items"));
    eventually(() -> !node("signOutButton").isDisabled());
    clickOn("#signOutButton");
    eventually(() -> text("accountMessage").startsWith("Signed out."));
    assertThat(token).doesNotExist();
    eventually(
        () ->
            text("statusConnection")
                .equals(io.stockroom.app.status.StatusBarViewModel.NOT_CONNECTED));
  }
}
