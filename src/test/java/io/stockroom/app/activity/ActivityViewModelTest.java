package io.stockroom.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ActivityViewModelTest {

  @Test
  void listsMovementsNewestFirst() {
    FakeStore store = new FakeStore();
    ActivityViewModel vm =
        new ActivityViewModel(store.stock, new InlineTaskRunner(), ZoneOffset.UTC);
    vm.refresh();
    assertThat(vm.summaryProperty().get()).startsWith("No stock has moved yet");

    Item item = store.catalog.create(ItemDraft.of("A-1", "Anchor"));
    store.locationService.create("A-01", null, null);
    store.stock.record(
        new MovementRequest(item.id(), MovementReason.RECEIVE, null, "A-01", BigDecimal.TEN, null));
    store.stock.record(
        new MovementRequest(
            item.id(), MovementReason.PICK, "A-01", null, BigDecimal.ONE, "ORDER-17"));
    vm.refresh();

    assertThat(vm.rows()).extracting(MovementRow::reason).containsExactly("Pick", "Receive");
    assertThat(vm.rows().get(0).from()).isEqualTo("A-01");
    // Signed as the bin sees it, with the reference the worker typed.
    assertThat(vm.rows().get(1).quantity()).isEqualTo("+10");
    assertThat(vm.rows().get(0).quantity()).isEqualTo("\u22121");
    assertThat(vm.rows().get(0).reference()).isEqualTo("ORDER-17");
    assertThat(vm.summaryProperty().get()).isEqualTo("2 movements");
  }
}
