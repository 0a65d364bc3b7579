package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.h2.api.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failing outbox insert must undo the domain row it belongs to. */
class AtomicityTest extends StoreTestSupport {

  /** Refuses every insert into the table it is installed on. */
  public static final class RefuseInsert implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
      throw new SQLException("outbox refused by test trigger");
    }
  }

  private Item item;

  @BeforeEach
  void seed() {
    item = store.catalog().create(ItemDraft.of("ABC-1", "Hex bolt"));
    store.locations().create("A-1", null, null);
    store
        .dsl()
        .execute(
            "CREATE TRIGGER refuse_outbox BEFORE INSERT ON mutation_queue FOR EACH ROW CALL \""
                + RefuseInsert.class.getName()
                + "\"");
    // Nothing pending to coalesce into: the update must insert a row.
    store.outbox().open().forEach(m -> store.outbox().markCompleted(m.id()));
  }

  @Test
  void failedCreateLeavesNoRow() {
    Map<String, Integer> before = rowCounts();
    String lastStamp = store.settings().get(Settings.LAST_STAMP).orElseThrow();

    assertThatThrownBy(() -> store.catalog().create(ItemDraft.of("ABC-2", "Wing nut")))
        .hasMessageContaining("outbox refused");

    assertThat(rowCounts()).isEqualTo(before);
    assertThat(store.catalog().search("ABC-2", 0, 10)).isEmpty();
    assertThat(store.settings().get(Settings.LAST_STAMP)).contains(lastStamp);
  }

  @Test
  void failedUpdateLeavesTheRowAsItWas() {
    Map<String, Integer> before = rowCounts();

    assertThatThrownBy(
            () -> store.catalog().update(item.id(), ItemDraft.of("ABC-1", "Hex bolt M8")))
        .hasMessageContaining("outbox refused");

    assertThat(rowCounts()).isEqualTo(before);
    assertThat(store.catalog().get(item.id())).contains(item);
    assertThat(store.catalog().search("m8", 0, 10)).isEmpty();
  }

  @Test
  void failedDeleteLeavesTheItemLive() {
    assertThatThrownBy(() -> store.catalog().delete(item.id()))
        .hasMessageContaining("outbox refused");

    assertThat(store.catalog().get(item.id())).contains(item);
  }

  @Test
  void failedMovementLeavesNoRow() {
    Map<String, Integer> before = rowCounts();

    assertThatThrownBy(
            () ->
                store
                    .stock()
                    .record(
                        new MovementRequest(
                            item.id(), MovementReason.RECEIVE, null, "A-1", BigDecimal.TEN, null)))
        .hasMessageContaining("outbox refused");

    assertThat(rowCounts()).isEqualTo(before);
    assertThat(store.stock().onHand(item.id())).isEmpty();
  }

  @Test
  void failedCountAndLocationLeaveNoRow() {
    Map<String, Integer> before = rowCounts();

    assertThatThrownBy(() -> store.stock().count(item.id(), "A-1", BigDecimal.ONE))
        .hasMessageContaining("outbox refused");
    assertThatThrownBy(() -> store.locations().create("B-1", null, null))
        .hasMessageContaining("outbox refused");

    assertThat(rowCounts()).isEqualTo(before);
  }
}
