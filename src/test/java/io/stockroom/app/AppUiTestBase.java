package io.stockroom.app;

import static org.awaitility.Awaitility.await;

import io.stockroom.domain.IdGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starts the real app headless (Monocle) and drives it by the stable ids of its controls:
 *
 * <pre>
 * top bar      scanField, scanMessage
 * navigation   navItems, navMovement, navCount, navActivity, navQueue, navLocations,
 *              navConflicts (Ctrl+1..7), conflictsBadge
 * items        searchField, newItemButton, itemsSummary, itemsTable, firstRunPane,
 *              firstRunNewItemButton, firstRunLocationsButton, firstRunReceiveButton
 * item detail  detailPlaceholder, itemTitle, onHandTotal, itemSku, itemName, itemBarcode,
 *              itemUnit, itemCategory, itemReorderPoint, itemDescription, saveItemButton,
 *              receiveItemButton, pickItemButton, deleteItemButton, itemError, itemMessage,
 *              onHandTable, notesList, noteText, addNoteButton
 * movement     movementReason, movementItem, movementQty, movementFrom, movementTo,
 *              movementReference, recordMovementButton, movementError, movementMessage
 * count        countLocation, countItem, countQty, recordCountButton, newBinButton,
 *              countBinInfo, countExpected, countError, countMessage, countsTable
 * activity     activityTable, activitySummary
 * sync         queueTable, queueSummary, syncNowPageButton, retryButton, discardButton,
 *              explainButton, syncMessage, cursorsTable, syncLogTable, syncTotals,
 *              syncIntervalChoice, pauseOnLowBatteryCheck
 * conflicts    conflictsTable, conflictsSummary, resolveConflictButton, undoConflictButton,
 *              showSettledConflicts
 * item dialog  itemConflictTitle, itemConflictFields, state_FIELD, yours_FIELD, theirs_FIELD,
 *              base_FIELD (FIELD = wire name, e.g. state_name; yours_ and theirs_ are radio
 *              buttons where the field conflicts), keepMineButton, keepTheirsButton,
 *              applyItemConflictButton, itemConflictError
 * count dialog countConflictSummary, countConflictMoves, applyCountButton, applyCountEffect,
 *              recountButton, recountEffect, discardCountButton, discardCountEffect,
 *              countConflictError
 * explanation  explanationText, myVersionText, copyMyVersionButton, explanationMessage
 * locations    locationCode, locationZone, locationDescription, addLocationButton,
 *              locationError, locationMessage, locationsTable, locationSite
 * status bar   statusConnection, statusPending, statusLastSync, statusConflicts, cancelSyncButton,
 *              syncNowButton, accountButton
 * account      serverUrlField, serverUrlProblem, userField, passwordField, signInButton (Alt+S),
 *              signOutButton, siteChoice, useSiteButton, accountMessage, accountDetails
 * </pre>
 */
public abstract class AppUiTestBase extends FxRobot {

  private StockroomApp app;

  protected void startApp(Supplier<StockroomApp> factory) throws Exception {
    FxToolkit.registerPrimaryStage();
    app = (StockroomApp) FxToolkit.setupApplication(factory::get);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Starts the app on a profile folder, as the desktop command does. */
  protected void startOn(Path profile) throws Exception {
    AppConfig config = new AppConfig(profile, Clock.systemUTC(), IdGenerator.secure());
    startApp(() -> new StockroomApp(config));
  }

  protected void stopApp() throws Exception {
    if (app != null) {
      FxToolkit.cleanupApplication(app);
      FxToolkit.cleanupStages();
      app = null;
    }
  }

  @AfterEach
  void stopAppAfterTest() throws Exception {
    stopApp();
  }

  protected <T extends Node> T node(String id) {
    return lookup("#" + id).query();
  }

  protected String text(String id) {
    return onFx(
        () -> {
          Node n = node(id);
          if (n instanceof TextInputControl t) {
            return t.getText();
          }
          return ((Labeled) n).getText();
        });
  }

  protected boolean visible(String id) {
    return onFx(() -> lookup("#" + id).tryQuery().map(Node::isVisible).orElse(false));
  }

  protected int rows(String tableId) {
    return onFx(() -> this.<TableView<?>>node(tableId).getItems().size());
  }

  protected <T> T onFx(Callable<T> call) {
    return WaitForAsyncUtils.waitForAsyncFx(5_000, call);
  }

  protected void eventually(Callable<Boolean> condition) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> onFx(condition));
  }

  /** Replaces a text field's content by typing, as a person would. */
  protected void fill(String id, String value) {
    clickOn("#" + id);
    press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
    type(KeyCode.BACK_SPACE);
    if (!value.isEmpty()) {
      write(value);
    }
  }

  protected void shortcut(KeyCode key) {
    press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
  }

  protected void runOnFx(Runnable r) {
    Platform.runLater(r);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
