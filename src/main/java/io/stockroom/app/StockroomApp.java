package io.stockroom.app;

import atlantafx.base.theme.PrimerLight;
import io.stockroom.app.activity.ActivityViewModel;
import io.stockroom.app.agent.SyncControl;
import io.stockroom.app.conflicts.ConflictDialogs;
import io.stockroom.app.conflicts.ConflictsViewModel;
import io.stockroom.app.conflicts.FxConflictDialogs;
import io.stockroom.app.count.CountViewModel;
import io.stockroom.app.item.ItemDetailViewModel;
import io.stockroom.app.items.ItemsViewModel;
import io.stockroom.app.locations.LocationsViewModel;
import io.stockroom.app.movement.MovementViewModel;
import io.stockroom.app.queue.QueueViewModel;
import io.stockroom.app.scan.ScanViewModel;
import io.stockroom.app.screens.LocalChanges;
import io.stockroom.app.shell.MainView;
import io.stockroom.app.shell.MainViewModel;
import io.stockroom.app.shell.WindowKeeper;
import io.stockroom.app.shell.WindowPlacement;
import io.stockroom.app.status.StatusBarViewModel;
import io.stockroom.app.tasks.FxTaskRunner;
import io.stockroom.app.textsize.TextSizeView;
import io.stockroom.app.textsize.TextSizeViewModel;
import io.stockroom.app.ui.Dialogs;
import io.stockroom.app.ui.FxClipboard;
import io.stockroom.app.ui.FxDialogs;
import io.stockroom.app.ui.TextClipboard;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the profile's store, builds every view model and view with
 * constructors, owns the background threads, and closes it all in {@link #stop()}.
 */
public class StockroomApp extends Application {

  private static final Logger LOG = LoggerFactory.getLogger(StockroomApp.class);

  /** The command-line flag (an unnamed launch parameter) that turns on the smoke mode. */
  public static final String SMOKE_TEST = "--smoke-test";

  /** How long the smoke mode waits for a painted items table before it fails. */
  private static final long SMOKE_TIMEOUT_MILLIS = 60_000;

  private final AppConfig config;
  private final StoreOpener opener;
  private AppConfig resolved;
  private StoreOpener.OpenStore store;
  private Optional<WindowPlacement.Placement> window = Optional.empty();
  private WindowKeeper windowKeeper;

  /** Why the profile could not be opened (one sentence for the user), or null. */
  private String cannotOpen;

  private FxTaskRunner runner;
  private int textSize = TextSizeViewModel.NORMAL;
  private AutoCloseable textSizeStyler;
  private boolean smoke;
  private volatile Throwable failure;

  /** For {@code Application.launch}: reads {@code --profile=DIR} from the parameters. */
  public StockroomApp() {
    this(null, LocalStores::open);
  }

  /** For tests and the launcher: a given profile, clock and id source. */
  public StockroomApp(AppConfig config) {
    this(config, LocalStores::open);
  }

  StockroomApp(AppConfig config, StoreOpener opener) {
    this.config = config;
    this.opener = opener;
  }

  @Override
  public void init() throws Exception {
    // Parsed on the FX thread (queued before start) while this thread opens the store.
    Platform.runLater(
        () -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    resolved = config != null ? config : fromParameters();
    smoke = config == null && getParameters().getUnnamed().contains(SMOKE_TEST);
    try {
      Optional<StoreOpener.OpenStore> early =
          config == null ? EarlyStore.take(resolved.profileDir()) : Optional.empty();
      store = early.isPresent() ? early.get() : opener.open(resolved);
    } catch (io.stockroom.store.StoreException e) {
      // Damaged, locked or too new: said in a window, not as a stack trace (issue 15).
      cannotOpen = e.getMessage();
      return;
    }
    textSize = TextSizeViewModel.stored(store.services().settings());
    window = WindowKeeper.stored(store.services().settings());
    runner = new FxTaskRunner(2);
  }

  /** The profile could not be opened; the launcher prints the message as one line. */
  static final class ProfileProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProfileProblem(String message) {
      super(message, null, false, false);
    }
  }

  private AppConfig fromParameters() {
    String profile = getParameters().getNamed().get("profile");
    return AppConfig.forProfile(profile != null ? Path.of(profile) : Launcher.defaultProfile());
  }

  @Override
  public void start(Stage stage) {
    if (cannotOpen != null) {
      if (!smoke) {
        javafx.scene.control.Alert alert =
            new javafx.scene.control.Alert(
                javafx.scene.control.Alert.AlertType.ERROR,
                Character.toUpperCase(cannotOpen.charAt(0)) + cannotOpen.substring(1) + ".");
        alert.setHeaderText("Stockroom cannot open this profile");
        alert.setTitle("Stockroom");
        alert.showAndWait();
      }
      throw new ProfileProblem(cannotOpen);
    }
    Services s = store.services();
    ZoneId zone = resolved.clock().getZone();
    LocalChanges changes = new LocalChanges();
    MainViewModel main = new MainViewModel(changes);
    SyncControl sync = store.sync();
    StatusBarViewModel status = new StatusBarViewModel(s.outbox(), runner, sync, zone);
    Dialogs dialogs = new FxDialogs(stage);
    ConflictDialogs conflictDialogs = new FxConflictDialogs(stage);
    TextClipboard clipboard = new FxClipboard();
    ConflictsViewModel conflicts =
        new ConflictsViewModel(
            s.conflicts(), runner, conflictDialogs, clipboard, changes, main, zone);
    conflicts.openCountProperty().addListener((o, was, n) -> status.openConflicts(n.intValue()));
    // The agent publishes on its own thread; the status bar reads it on the FX thread.
    SyncSteps steps = new SyncSteps();
    sync.addListener(
        st ->
            Platform.runLater(
                () -> {
                  status.apply(st);
                  if (steps.changed(st)) {
                    main.afterSync();
                  }
                }));
    // Records from the server are shown once applied, not after the push that follows (decision
    // record 0056); a first sign-in fills the screens without a restart.
    sync.addArrivalListener(() -> Platform.runLater(main::afterPull));
    changes.subscribe(sync::localWrite);
    main.start(
        new MainViewModel.Screens(
            new ItemsViewModel(s.catalog(), s.stock(), runner, ItemsViewModel.TYPING_PAUSE),
            new ItemDetailViewModel(
                s.catalog(), s.stock(), runner, dialogs, changes, main, author(), zone),
            new MovementViewModel(s.catalog(), s.locations(), s.stock(), runner, changes),
            new CountViewModel(s.catalog(), s.locations(), s.stock(), runner, changes),
            new ActivityViewModel(s.stock(), runner, zone),
            new QueueViewModel(
                s.outbox(),
                runner,
                zone,
                new QueueViewModel.Desk(
                    s.desk(),
                    dialogs,
                    conflictDialogs,
                    clipboard,
                    sync,
                    changes,
                    resolved.clock())),
            new LocationsViewModel(s.locations(), runner, changes),
            status,
            new ScanViewModel(s.catalog(), runner, main),
            conflicts));
    MainView view = new MainView(main);
    TextSizeViewModel text = new TextSizeViewModel(s.settings(), runner, textSize);
    view.addToTopBar(new TextSizeView(text));
    windowKeeper = WindowKeeper.install(stage, s.settings(), window);
    Scene scene = new Scene(view);
    scene.getStylesheets().add(StockroomApp.class.getResource("stockroom.css").toExternalForm());
    view.install(scene);
    textSizeStyler = TextSizeView.install(scene, text);
    stage.setTitle("Stockroom");
    stage.setScene(scene);
    stage.show();
    view.focusStart();
    sync.start();
    if (smoke) {
      FirstPaintProbe.watch(
          scene,
          SMOKE_TIMEOUT_MILLIS,
          FirstPaintProbe.listener(this::smokePainted, this::smokeFailed));
    }
  }

  /** Smoke mode: the first frame with rows is on screen; report it and quit. */
  private void smokePainted(long epochMillis) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    String sinceProcess =
        ProcessHandle.current()
            .info()
            .startInstant()
            .map(i -> "; " + (epochMillis - i.toEpochMilli()) + " ms since the process started")
            .orElse("");
    System.out.println(
        "first paint after " + (epochMillis - jvmStart) + " ms (JVM uptime" + sinceProcess + ")");
    Platform.exit();
  }

  private void smokeFailed(String reason) {
    if (failure == null) {
      failure = new IllegalStateException(reason);
    }
    Platform.exit();
  }

  @Override
  public void stop() throws Exception {
    if (windowKeeper != null) {
      windowKeeper.saveAndStop();
    }
    if (textSizeStyler != null) {
      textSizeStyler.close();
      textSizeStyler = null;
    }
    if (runner != null) {
      runner.close();
    }
    if (store != null) {
      try {
        store.closer().close();
      } catch (Exception e) {
        LOG.error("Closing the local store failed", e);
      }
      store = null;
    }
    if (failure instanceof Exception e) {
      // Application.launch rethrows this, so the command exits non-zero with the reason.
      throw e;
    } else if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  /** Whether a published status ends a step worth reloading the inbox and the sync screen for. */
  private static final class SyncSteps {
    private Object last;

    boolean changed(io.stockroom.sync.SyncStatus st) {
      Object now =
          java.util.List.of(
              st.state(),
              st.pending(),
              st.failed(),
              st.openConflicts(),
              String.valueOf(st.lastSync()));
      boolean changed = !now.equals(last);
      last = now;
      return changed;
    }
  }

  private static String author() {
    String user = System.getProperty("user.name");
    return user == null || user.isBlank() ? "me" : user;
  }
}
