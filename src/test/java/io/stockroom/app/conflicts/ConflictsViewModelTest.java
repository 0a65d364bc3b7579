package io.stockroom.app.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.RecordingNavigator;
import io.stockroom.app.screens.LocalChanges;
import io.stockroom.app.screens.Page;
import io.stockroom.domain.CountConflict;
import io.stockroom.domain.CountResolution;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.ItemField;
import io.stockroom.domain.MovementReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConflictsViewModelTest {

  final FakeConflicts store = new FakeConflicts();
  final RecordingConflictDialogs dialogs = new RecordingConflictDialogs();
  final List<String> clipboard = new ArrayList<>();
  final LocalChanges changes = new LocalChanges();
  final RecordingNavigator navigator = new RecordingNavigator();
  int fired;
  final ConflictsViewModel vm =
      new ConflictsViewModel(
          store,
          new InlineTaskRunner(),
          dialogs,
          clipboard::add,
          changes,
          navigator,
          ZoneOffset.UTC);

  {
    changes.subscribe(() -> fired++);
  }

  @Test
  void listsOpenConflictsWithTheBadgeCount() {
    store.add(EntityType.ITEMS, "FIELD_MERGE", true, List.of("name"));
    store.add(EntityType.STOCK_COUNTS, "USER_PROMPTED", true, List.of());
    store.add(EntityType.LOCATIONS, "SERVER_WINS", false, List.of());
    vm.refresh();
    assertThat(vm.rows()).hasSize(2);
    assertThat(vm.openCountProperty().get()).isEqualTo(2);
    assertThat(vm.rows().get(0).entity()).isEqualTo("item");
    assertThat(vm.rows().get(0).record()).isEqualTo("CF-1 \u00b7 Widget");
    assertThat(vm.rows().get(0).changed()).isEqualTo("name");
    assertThat(vm.rows().get(0).when()).isEqualTo("2026-11-24 10:00");
    assertThat(vm.summaryProperty().get()).startsWith("2 conflicts wait");

    vm.showSettledProperty().set(true);
    assertThat(vm.rows()).hasSize(3);
    assertThat(vm.rows().get(2).state()).isEqualTo("settled: SERVER_WINS");
    assertThat(vm.openCountProperty().get()).isEqualTo(2);
  }

  @Test
  void itemDialogKeepsPerFieldChoicesAndSettles() {
    store.add(EntityType.ITEMS, "FIELD_MERGE", true, List.of("name"));
    vm.refresh();
    vm.open(vm.rows().get(0));
    ItemConflictViewModel item = dialogs.item;
    assertThat(item.titleProperty().get()).contains("CF-1 Widget (A)");
    FieldChoice name = item.fields().get(0);
    FieldChoice category = item.fields().get(1);
    assertThat(name.state()).isEqualTo("changed on both sides");
    assertThat(name.base()).isEqualTo("(not known)");
    assertThat(category.state()).isEqualTo("merged");

    name.useYoursProperty().set(true);
    item.apply();
    assertThat(store.itemValues)
        .isEqualTo(Map.of(ItemField.NAME, "Widget B", ItemField.CATEGORY, "Bins"));
    assertThat(item.doneProperty().get()).isTrue();
    assertThat(vm.rows()).isEmpty();
    assertThat(vm.openCountProperty().get()).isZero();
    assertThat(fired).isEqualTo(1);
  }

  @Test
  void itemDialogKeepAllTheirsAndKeepAllMine() {
    store.add(EntityType.ITEMS, "FIELD_MERGE", true, List.of("name"));
    vm.refresh();
    vm.open(vm.rows().get(0));
    ItemConflictViewModel item = dialogs.item;
    item.keepAllMine();
    assertThat(item.fields()).allMatch(f -> f.useYoursProperty().get());
    item.keepAllTheirs();
    item.apply();
    assertThat(store.itemValues).containsEntry(ItemField.NAME, "Widget (A)");
  }

  @Test
  void itemDialogShowsWhyASettlementFailed() {
    store.add(EntityType.ITEMS, "FIELD_MERGE", true, List.of("name"));
    store.failure = new io.stockroom.domain.ValidationException("sku", "SKU CF-1 is taken.");
    vm.refresh();
    vm.open(vm.rows().get(0));
    dialogs.item.apply();
    assertThat(dialogs.item.errorProperty().get()).contains("SKU CF-1 is taken.");
    assertThat(dialogs.item.doneProperty().get()).isFalse();
    assertThat(vm.rows()).hasSize(1);
  }

  private CountConflictViewModel countDialog() {
    store.add(EntityType.STOCK_COUNTS, "USER_PROMPTED", true, List.of());
    vm.refresh();
    vm.open(vm.rows().get(0));
    return dialogs.count;
  }

  @Test
  void countDialogSaysWhatEachChoiceRecords() {
    CountConflictViewModel count = countDialog();
    assertThat(count.summaryProperty().get())
        .isEqualTo(
            "You counted 37 of BOLT-M8 Hex bolt M8 in A-01-03. The laptop expected 42;"
                + " the server now has 40.");
    assertThat(count.applyEffectProperty().get())
        .isEqualTo("Records an adjustment of -3 (40 -> 37).");
    assertThat(count.recountEffectProperty().get()).startsWith("Records nothing now");
    assertThat(count.discardEffectProperty().get())
        .isEqualTo("Records nothing; A-01-03 stays at 40.");
  }

  @Test
  void countDialogListsTheMovesTheCountDidNotIncludeWithWhoAndWhen() {
    store.moves =
        List.of(
            new CountConflict.Move(
                MovementReason.PICK,
                new BigDecimal("-5"),
                "SO-2291",
                Instant.parse("2026-11-24T10:02:00Z"),
                CountConflict.Mover.SOMEONE_ELSE),
            new CountConflict.Move(
                MovementReason.TRANSFER,
                new BigDecimal("3"),
                null,
                Instant.parse("2026-11-24T10:05:00Z"),
                CountConflict.Mover.YOU_ELSEWHERE));
    assertThat(countDialog().movesProperty().get())
        .isEqualTo(
            "Your count did not include:\n"
                + "  -5 picked (SO-2291) by someone else, 2026-11-24 10:02\n"
                + "  +3 moved in by you on another laptop, 2026-11-24 10:05");
  }

  @Test
  void countDialogSaysWhatHasNotReachedThisLaptopYet() {
    store.moves =
        List.of(
            new CountConflict.Move(
                MovementReason.COUNT,
                new BigDecimal("1"),
                "count 1b2c",
                Instant.parse("2026-11-24T10:02:00Z"),
                CountConflict.Mover.THIS_LAPTOP));
    assertThat(countDialog().movesProperty().get())
        .isEqualTo(
            "Your count did not include:\n"
                + "  +1 after a count by you on this laptop, 2026-11-24 10:02\n"
                + "Other moves behind the difference (-3) have not reached this laptop yet.");
  }

  @Test
  void countDialogWithNoMovesReceivedSaysSo() {
    assertThat(countDialog().movesProperty().get())
        .isEqualTo("The moves behind the difference (-2) have not reached this laptop yet.");
  }

  @Test
  void settledEntriesSayWhatWasChosenAndWhetherItCanBeUndone() {
    assertThat(ConflictsViewModel.settled("apply_anyway", true))
        .isEqualTo("settled: apply my count anyway (not sent yet: can be undone)");
    assertThat(ConflictsViewModel.settled("merged", true))
        .isEqualTo("settled: your picks (not sent yet: can be undone)");
    assertThat(ConflictsViewModel.settled("kept_server", false))
        .isEqualTo("settled: kept the server's");
    assertThat(ConflictsViewModel.settled("SERVER_WINS", false)).isEqualTo("settled: SERVER_WINS");
  }

  @Test
  void countApplyAnyway() {
    countDialog().applyAnyway();
    assertThat(store.countResolution).isEqualTo(CountResolution.APPLY_ANYWAY);
    assertThat(vm.openCountProperty().get()).isZero();
    assertThat(navigator.calls).isEmpty();
  }

  @Test
  void countRecountGoesToTheCountScreen() {
    countDialog().recount();
    assertThat(store.countResolution).isEqualTo(CountResolution.RECOUNT);
    assertThat(navigator.calls).containsExactly("show " + Page.COUNT);
  }

  @Test
  void countDiscard() {
    CountConflictViewModel count = countDialog();
    count.discard();
    assertThat(store.countResolution).isEqualTo(CountResolution.DISCARD);
    assertThat(count.doneProperty().get()).isTrue();
  }

  @Test
  void serverWinsEntryExplainsAndCopiesMyVersion() {
    store.add(EntityType.LOCATIONS, "SERVER_WINS", false, List.of());
    vm.showSettledProperty().set(true);
    vm.open(vm.rows().get(0));
    ExplanationViewModel ex = dialogs.explanation;
    assertThat(ex.explanation()).startsWith("Only the server (an administrator) decides");
    ex.copyMine();
    assertThat(clipboard)
        .containsExactly("Record: CF-1 \u00b7 Widget\nName: Widget B\nCategory: Bins");
    assertThat(ex.messageProperty().get()).isEqualTo("Your version is on the clipboard.");
    assertThat(store.dismissed).isNull();
  }

  @Test
  void errorCodesReadAsSentences() {
    assertThat(Explanations.forError("duplicate_sku: another item has SKU DUP-1"))
        .isEqualTo(
            "Another item already uses this SKU. Each SKU can belong to one item only."
                + " (Server said: another item has SKU DUP-1)");
    assertThat(Explanations.forError("forbidden: staff cannot change a bin"))
        .startsWith("Your account is not allowed");
    assertThat(Explanations.forError("connect timed out")).contains("will not be lost");
  }
}
