package io.stockroom.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.InlineTaskRunner;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.store.LocalStore;
import io.stockroom.testing.TestClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The activity list on the real local store: order, signs, and the filter. */
class ActivityViewModelTest {

  @TempDir Path profile;

  private final TestClock clock = TestClock.at("2026-12-01T08:00:00Z");

  private LocalStore store;
  private ActivityViewModel vm;
  private Item anchor;
  private Item bracket;

  @BeforeEach
  void open() {
    store = LocalStore.open(profile, clock, IdGenerator.seeded(3));
    vm = new ActivityViewModel(store.stock(), new InlineTaskRunner(), ZoneOffset.UTC);
    anchor = store.catalog().create(ItemDraft.of("A-1", "Anchor bolt"));
    bracket = store.catalog().create(ItemDraft.of("B-2", "Wall bracket"));
    store.locations().create("A-01", null, null);
    store.locations().create("B-01", null, null);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void move(Item item, MovementReason r, String from, String to, String qty, String ref) {
    clock.advance(Duration.ofHours(10));
    store.stock().record(new MovementRequest(item.id(), r, from, to, new BigDecimal(qty), ref));
  }

  @Test
  void listsMovementsNewestFirstSignedAsTheBinSeesThem() {
    vm.refresh();
    assertThat(vm.summaryProperty().get()).startsWith("No stock has moved yet");
    move(anchor, MovementReason.RECEIVE, null, "A-01", "10", null);
    move(anchor, MovementReason.PICK, "A-01", null, "1", "ORDER-17");
    vm.refresh();

    assertThat(vm.rows()).extracting(MovementRow::reason).containsExactly("Pick", "Receive");
    assertThat(vm.rows().get(0).from()).isEqualTo("A-01");
    assertThat(vm.rows().get(1).quantity()).isEqualTo("+10");
    assertThat(vm.rows().get(0).quantity()).isEqualTo("\u22121");
    assertThat(vm.rows().get(0).reference()).isEqualTo("ORDER-17");
    assertThat(vm.summaryProperty().get()).isEqualTo("2 movements");
  }

  @Test
  void filtersByItemBinKindAndDays() {
    move(anchor, MovementReason.RECEIVE, null, "A-01", "10", null); // 12-01 18:00
    move(bracket, MovementReason.RECEIVE, null, "B-01", "4", null); // 12-02 04:00
    move(anchor, MovementReason.TRANSFER, "A-01", "B-01", "3", null); // 12-02 14:00
    move(bracket, MovementReason.PICK, "B-01", null, "1", null); // 12-03 00:00
    vm.refresh();
    assertThat(vm.rows()).hasSize(4);

    vm.itemProperty().set("brack"); // a word of the name
    assertThat(skus()).containsExactly("B-2 Pick", "B-2 Receive");
    assertThat(vm.summaryProperty().get()).isEqualTo("2 movements match the filter");
    vm.itemProperty().set("a-");
    assertThat(skus()).containsExactly("A-1 Transfer", "A-1 Receive");

    vm.itemProperty().set("");
    vm.binProperty().set("b-01"); // in or out of the bin, any case
    assertThat(skus()).containsExactly("B-2 Pick", "A-1 Transfer", "B-2 Receive");
    vm.kindProperty().set(new ActivityViewModel.Kind(MovementReason.RECEIVE));
    assertThat(skus()).containsExactly("B-2 Receive");

    vm.clearFilter();
    vm.fromDayProperty().set(LocalDate.parse("2026-12-02"));
    vm.toDayProperty().set(LocalDate.parse("2026-12-02")); // the whole day, both ends
    assertThat(skus()).containsExactly("A-1 Transfer", "B-2 Receive");
    vm.toDayProperty().set(LocalDate.parse("2026-12-01"));
    assertThat(vm.rows()).isEmpty();
    assertThat(vm.summaryProperty().get()).isEqualTo("The last day is before the first day.");

    vm.clearFilter();
    assertThat(vm.emptyTextProperty().get()).startsWith("No stock has moved yet");
    vm.itemProperty().set("zzz");
    assertThat(vm.summaryProperty().get()).isEqualTo("No movement matches the filter.");
    assertThat(vm.emptyTextProperty().get()).isEqualTo("No movement matches the filter.");
    vm.itemProperty().set("x".repeat(900));
    assertThat(vm.rows()).isEmpty();
    assertThat(vm.summaryProperty().get()).isEqualTo("Name is longer than 200 characters.");
    vm.itemProperty().set("100%_"); // wildcards are literal
    assertThat(vm.rows()).isEmpty();
  }

  private java.util.List<String> skus() {
    return vm.rows().stream().map(r -> r.sku() + " " + r.reason()).toList();
  }
}
