package io.stockroom.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeSyncControl;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.agent.SignInFailure;
import io.stockroom.app.agent.SiteChoice;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountViewModelTest {

  static final SiteChoice MAIN =
      new SiteChoice("11111111-1111-1111-1111-111111111111", "MAIN", "Main");
  static final SiteChoice YARD =
      new SiteChoice("22222222-2222-2222-2222-222222222222", "YARD", "Yard");

  final FakeSyncControl sync = new FakeSyncControl();

  {
    sync.sites = List.of(MAIN);
  }

  final AccountViewModel vm = new AccountViewModel(sync, new InlineTaskRunner());

  private void fill(String url, String user, String password) {
    vm.serverUrlProperty().set(url);
    vm.userProperty().set(user);
    vm.passwordProperty().set(password);
  }

  private String problem(String url) {
    vm.serverUrlProperty().set(url);
    return vm.serverUrlProblemProperty().get();
  }

  @Test
  void theAddressIsCheckedAsItIsTyped() {
    vm.userProperty().set("demo");
    assertThat(problem("")).isEmpty();
    assertThat(vm.canSignInProperty().get()).isFalse();

    assertThat(problem("s")).startsWith("Start the address with http:// or https://");
    assertThat(problem("server:8080")).startsWith("Start the address with http:// or https://");
    assertThat(problem("ftp://server")).contains("not ftp://");
    assertThat(problem("http://")).isEqualTo("Type the server's name or IP address after http://.");
    assertThat(problem("http://server:")).contains("port number after");
    assertThat(problem("http://server:80a")).isEqualTo("The port must be a number, not \"80a\".");
    assertThat(problem("http://server:70000"))
        .isEqualTo("The port must be a number from 1 to 65535.");
    assertThat(problem("http://server:0")).isEqualTo("The port must be a number from 1 to 65535.");
    assertThat(problem("http://server:8080/?x=1")).contains("no query");
    assertThat(problem("http://server/#top")).contains("\"#\"");
    assertThat(problem("http://my server")).isEqualTo("The address cannot contain spaces.");
    assertThat(problem("http://stock_room:8080")).contains("\"_\" is not one");
    assertThat(problem("http://bob@server")).contains("User field");
    assertThat(problem("http://::1:8080")).contains("brackets");
    assertThat(vm.canSignInProperty().get()).isFalse();

    for (String ok :
        List.of(
            "http://server",
            "https://stock.example.com",
            "http://127.0.0.1:8080",
            "HTTPS://Stock.Example:443/",
            "https://gateway.example/stockroom",
            "http://[::1]:8080",
            "  http://server:8080  ")) {
      assertThat(problem(ok)).as(ok).isEmpty();
      assertThat(vm.canSignInProperty().get()).as(ok).isTrue();
    }
  }

  @Test
  void signInNeedsAValidAddressAndAUserAndIsOffWhileBusy() {
    fill("http://server:8080", "", "pw");
    assertThat(vm.canSignInProperty().get()).isFalse();
    vm.signIn();
    assertThat(sync.calls).isEmpty();

    vm.userProperty().set("demo");
    assertThat(vm.canSignInProperty().get()).isTrue();
    vm.serverUrlProperty().set("http://server:8080?");
    assertThat(vm.canSignInProperty().get()).isFalse();
    vm.signIn();
    assertThat(sync.calls).isEmpty();
  }

  @Test
  void oneSiteSignsInWithoutAnExtraStep() {
    fill(" http://server:8080 ", " demo ", "secret");
    vm.signIn();
    assertThat(sync.calls).containsExactly("logIn http://server:8080 demo secret", "use MAIN");
    assertThat(vm.choosingSiteProperty().get()).isFalse();
    assertThat(vm.signedInProperty().get()).isTrue();
    assertThat(vm.messageProperty().get()).isEqualTo("Signed in as demo, working in MAIN · Main.");
    assertThat(vm.detailsProperty().get()).isEmpty();
    assertThat(vm.passwordProperty().get()).isEmpty();
  }

  @Test
  void severalSitesWaitForTheUsersChoice() {
    sync.sites = List.of(MAIN, YARD);
    sync.suggested = YARD;
    fill("http://server:8080", "both", "pw");
    vm.signIn();
    assertThat(sync.calls).containsExactly("logIn http://server:8080 both pw");
    assertThat(vm.choosingSiteProperty().get()).isTrue();
    assertThat(vm.sites()).containsExactly(MAIN, YARD);
    assertThat(vm.selectedSiteProperty().get()).isEqualTo(YARD); // the laptop's current site
    assertThat(vm.messageProperty().get()).startsWith("You work in 2 warehouses.");
    assertThat(vm.canSignInProperty().get()).isFalse();
    assertThat(vm.editableProperty().get()).isFalse();
    assertThat(vm.signedInProperty().get()).isFalse();

    vm.selectedSiteProperty().set(MAIN);
    assertThat(vm.canUseSiteProperty().get()).isTrue();
    vm.useSite();
    assertThat(sync.calls).endsWith("use MAIN");
    assertThat(vm.choosingSiteProperty().get()).isFalse();
    assertThat(vm.sites()).isEmpty();
    assertThat(vm.signedInProperty().get()).isTrue();
    assertThat(vm.messageProperty().get()).isEqualTo("Signed in as both, working in MAIN · Main.");
    assertThat(vm.editableProperty().get()).isTrue();
  }

  @Test
  void closingTheDialogBeforeChoosingDropsTheLogin() {
    sync.sites = List.of(MAIN, YARD);
    fill("http://server:8080", "both", "pw");
    vm.signIn();
    assertThat(vm.selectedSiteProperty().get()).isEqualTo(MAIN); // nothing suggested: the first
    vm.dismissed();
    assertThat(sync.calls).containsExactly("logIn http://server:8080 both pw", "cancel");
    assertThat(vm.choosingSiteProperty().get()).isFalse();
    assertThat(vm.signedInProperty().get()).isFalse();
    assertThat(vm.messageProperty().get()).contains("nothing changed");
    vm.dismissed(); // closing again is nothing to cancel
    assertThat(sync.calls).hasSize(2);
  }

  @Test
  void aRefusalShowsTheSentenceAndKeepsTheDetails() {
    sync.refuseLogin = new SignInFailure("Wrong user name or password.", "Server answered 401 x.");
    fill("http://server:8080", "demo", "nope");
    vm.signIn();
    assertThat(vm.messageProperty().get()).isEqualTo("Wrong user name or password.");
    assertThat(vm.detailsProperty().get()).isEqualTo("Server answered 401 x.");
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(vm.canSignInProperty().get()).isTrue(); // try again
    assertThat(vm.signedInProperty().get()).isFalse();
  }

  @Test
  void opensWithTheStoredAccountAndSignsOut() {
    sync.serverUrl = "https://stock.example";
    sync.userName = "demo";
    vm.signedIn(true);
    vm.open();
    assertThat(vm.serverUrlProperty().get()).isEqualTo("https://stock.example");
    assertThat(vm.userProperty().get()).isEqualTo("demo");
    assertThat(vm.passwordProperty().get()).isEmpty();
    vm.signOut();
    assertThat(sync.calls).containsExactly("signOut");
    assertThat(vm.signedInProperty().get()).isFalse();
    assertThat(vm.messageProperty().get()).startsWith("Signed out.");
  }
}
