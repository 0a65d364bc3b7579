package io.stockroom.app.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.Item;
import io.stockroom.domain.SyncStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PagedItemListTest {

  private record Request(int offset, int limit, Consumer<List<Listed>> done) {}

  private final List<Request> requests = new ArrayList<>();
  private final PagedItemList list =
      new PagedItemList(100_000, 100, 40, (o, l, d) -> requests.add(new Request(o, l, d)));

  private static List<Listed> items(int offset, int n) {
    List<Listed> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new Listed(
              new Item(
                  UUID.randomUUID(),
                  "S" + (offset + i),
                  null,
                  "N",
                  null,
                  "ea",
                  null,
                  0,
                  1,
                  null,
                  SyncStatus.SYNCED,
                  Instant.EPOCH),
              null));
    }
    return out;
  }

  private void answer(Request r) {
    requests.remove(r);
    r.done().accept(items(r.offset(), r.limit()));
  }

  @Test
  void oneLoadAtATimeNewestFirstAndOldRequestsForgotten() {
    // A fast drag of the scroll bar touches ten pages while the first load is running.
    for (int page = 0; page < 10; page++) {
      list.get(page * 10_000);
    }
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).offset()).isZero();

    answer(requests.get(0));
    // Next comes the page asked for last; pages 1..5 were forgotten.
    assertThat(requests).extracting(Request::offset).containsExactly(90_000);
    answer(requests.get(0));
    assertThat(requests).extracting(Request::offset).containsExactly(80_000);
    answer(requests.get(0));
    answer(requests.get(0));
    answer(requests.get(0));
    assertThat(requests).isEmpty();
    assertThat(list.get(60_000).skuProperty().get()).isEqualTo("S60000");

    // A forgotten page loads again when the table comes back to it.
    assertThat(list.get(10_000).loadedProperty().get()).isFalse();
    assertThat(requests).extracting(Request::offset).containsExactly(10_000);
    answer(requests.get(0));
    assertThat(list.get(10_005).skuProperty().get()).isEqualTo("S10005");
  }

  @Test
  void theLastPageIsShort() {
    PagedItemList small = new PagedItemList(250, 100, 40, (o, l, d) -> d.accept(items(o, l)));
    assertThat(small.get(249).skuProperty().get()).isEqualTo("S249");
    assertThat(small.keptPages()).isEqualTo(1);
  }
}
