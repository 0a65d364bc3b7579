package io.stockroom.app.status;

import io.stockroom.app.agent.PendingLogin;
import io.stockroom.app.agent.SignInFailure;
import io.stockroom.app.agent.SiteChoice;
import io.stockroom.app.agent.SyncControl;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.sync.ServerAddress;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings and sign-in: the server address (checked as it is typed), user and password; then, when
 * the user works in several sites, the choice of site before anything is stored.
 *
 * <pre>
 *   idle --signIn--> busy --one site or none--> busy (storing) --> signed in
 *                         \--several sites--> choosing --useSite--> busy (storing) --> signed in
 *                         \--refused--> idle + message      \--dismissed--> idle (login dropped)
 * </pre>
 */
public final class AccountViewModel {

  private final SyncControl sync;
  private final TaskRunner runner;
  private final StringProperty serverUrl = new SimpleStringProperty(this, "serverUrl", "");
  private final StringProperty user = new SimpleStringProperty(this, "user", "");
  private final StringProperty password = new SimpleStringProperty(this, "password", "");
  private final ReadOnlyStringWrapper serverUrlProblem =
      new ReadOnlyStringWrapper(this, "serverUrlProblem", "");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
  private final ReadOnlyBooleanWrapper choosingSite =
      new ReadOnlyBooleanWrapper(this, "choosingSite", false);
  private final ReadOnlyBooleanWrapper signedIn =
      new ReadOnlyBooleanWrapper(this, "signedIn", false);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
  private final ObservableList<SiteChoice> sites = FXCollections.observableArrayList();
  private final ObservableList<SiteChoice> readOnlySites =
      FXCollections.unmodifiableObservableList(sites);
  private final ObjectProperty<SiteChoice> selectedSite =
      new SimpleObjectProperty<>(this, "selectedSite");
  private final BooleanBinding canSignIn;
  private final BooleanBinding canUseSite;
  private final BooleanBinding editable;
  private PendingLogin pending;
  private String pendingUser;

  public AccountViewModel(SyncControl sync, TaskRunner runner) {
    this.sync = sync;
    this.runner = runner;
    serverUrl.addListener((o, was, now) -> checkUrl(now));
    canSignIn =
        Bindings.createBooleanBinding(
            () ->
                ServerAddress.valid(serverUrl.get())
                    && !user.get().isBlank()
                    && !busy.get()
                    && !choosingSite.get(),
            serverUrl,
            user,
            busy,
            choosingSite);
    canUseSite =
        Bindings.createBooleanBinding(
            () -> choosingSite.get() && selectedSite.get() != null && !busy.get(),
            choosingSite,
            selectedSite,
            busy);
    editable = busy.not().and(choosingSite.not());
  }

  private void checkUrl(String typed) {
    // Nothing typed yet is not a mistake; Sign in stays off all the same.
    serverUrlProblem.set(
        typed == null || typed.isBlank() ? "" : ServerAddress.problem(typed).orElse(""));
  }

  /** Fills the form from the stored account when the dialog opens; the password starts empty. */
  public void open() {
    password.set("");
    if (!choosingSite.get()) {
      message.set("");
      details.set("");
    }
    runner.run(
        () -> List.of(sync.serverUrl().orElse(""), sync.userName().orElse("")),
        stored -> {
          if (serverUrl.get().isEmpty()) {
            serverUrl.set(stored.get(0));
          }
          if (user.get().isEmpty()) {
            user.set(stored.get(1));
          }
        },
        e -> {});
  }

  /** Logs in off the UI thread; with several sites the user chooses one before it is stored. */
  public void signIn() {
    if (!canSignIn.get()) {
      return;
    }
    String url = serverUrl.get().strip();
    String name = user.get().strip();
    String secret = password.get();
    busy.set(true);
    message.set("Signing in...");
    details.set("");
    runner.run(
        () -> sync.logIn(url, name, secret),
        login -> {
          password.set("");
          List<SiteChoice> offered = login.sites();
          if (offered.size() > 1) {
            pending = login;
            pendingUser = name;
            sites.setAll(offered);
            selectedSite.set(login.suggested().orElse(offered.get(0)));
            choosingSite.set(true);
            busy.set(false);
            message.set(
                "You work in "
                    + offered.size()
                    + " warehouses. Choose the one this laptop is used in, then Use this site.");
          } else {
            finish(login, offered.isEmpty() ? null : offered.get(0), name);
          }
        },
        this::failed);
  }

  /** Finishes the sign-in on the chosen site. */
  public void useSite() {
    if (!canUseSite.get() || pending == null) {
      return;
    }
    finish(pending, selectedSite.get(), pendingUser);
  }

  private void finish(PendingLogin login, SiteChoice site, String name) {
    busy.set(true);
    message.set("Signing in...");
    runner.run(
        () -> {
          login.use(site);
          return true;
        },
        ok -> {
          pending = null;
          pendingUser = null;
          sites.clear();
          selectedSite.set(null);
          choosingSite.set(false);
          busy.set(false);
          signedIn.set(true);
          details.set("");
          message.set(
              "Signed in as " + name + (site == null ? "." : ", working in " + site.label() + "."));
        },
        this::failed);
  }

  /** The dialog closed: a login still waiting for its site is dropped and nothing is stored. */
  public void dismissed() {
    PendingLogin dropped = pending;
    if (dropped == null) {
      return;
    }
    pending = null;
    pendingUser = null;
    sites.clear();
    selectedSite.set(null);
    choosingSite.set(false);
    message.set("Sign-in cancelled; nothing changed on this laptop.");
    details.set("");
    runner.run(
        () -> {
          dropped.cancel();
          return true;
        },
        ok -> {},
        e -> {});
  }

  public void signOut() {
    busy.set(true);
    runner.run(
        () -> {
          sync.signOut();
          return true;
        },
        ok -> {
          busy.set(false);
          signedIn.set(false);
          details.set("");
          message.set("Signed out. Everything keeps working on this laptop.");
        },
        this::failed);
  }

  private void failed(Throwable e) {
    busy.set(false);
    if (e instanceof SignInFailure f) {
      message.set(f.getMessage());
      details.set(f.details());
    } else {
      message.set(
          "Something unexpected went wrong. Try again; if it keeps happening, give the details"
              + " below to whoever looks after the server.");
      details.set(String.valueOf(e));
    }
  }

  /** Set from the sync agent's status (signed in or not), on the UI thread. */
  void signedIn(boolean in) {
    signedIn.set(in);
  }

  public StringProperty serverUrlProperty() {
    return serverUrl;
  }

  public StringProperty userProperty() {
    return user;
  }

  public StringProperty passwordProperty() {
    return password;
  }

  /** What is wrong with the typed address; empty when it is usable or nothing is typed yet. */
  public ReadOnlyStringProperty serverUrlProblemProperty() {
    return serverUrlProblem.getReadOnlyProperty();
  }

  public ObservableBooleanValue canSignInProperty() {
    return canSignIn;
  }

  public ObservableBooleanValue canUseSiteProperty() {
    return canUseSite;
  }

  /** Whether the address, user and password may be edited (not while signing in or choosing). */
  public ObservableBooleanValue editableProperty() {
    return editable;
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty choosingSiteProperty() {
    return choosingSite.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty signedInProperty() {
    return signedIn.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** The server's error code and words, or the network's, kept for whoever runs the server. */
  public ReadOnlyStringProperty detailsProperty() {
    return details.getReadOnlyProperty();
  }

  public ObservableList<SiteChoice> sites() {
    return readOnlySites;
  }

  public ObjectProperty<SiteChoice> selectedSiteProperty() {
    return selectedSite;
  }
}
