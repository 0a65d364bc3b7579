package io.stockroom.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.activity.ActivityViewModel;
import io.stockroom.app.count.CountViewModel;
import io.stockroom.app.item.ItemDetailViewModel;
import io.stockroom.app.items.ItemsViewModel;
import io.stockroom.app.locations.LocationsViewModel;
import io.stockroom.app.movement.MovementViewModel;
import io.stockroom.app.queue.QueueViewModel;
import io.stockroom.app.scan.ScanViewModel;
import io.stockroom.app.screens.LocalChanges;
import io.stockroom.app.screens.Page;
import io.stockroom.app.status.StatusBarViewModel;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MainViewModelTest {

  private final FakeStore store = new FakeStore();
  private final TaskRunner runner = new InlineTaskRunner();
  private final LocalChanges changes = new LocalChanges();
  private final MainViewModel main = new MainViewModel(changes);
  private final MainViewModel.Screens s =
      new MainViewModel.Screens(
          new ItemsViewModel(store.catalog, store.stock, runner, Duration.ZERO),
          new ItemDetailViewModel(
              store.catalog,
              store.stock,
              runner,
              (t, m, l) -> true,
              changes,
              main,
              "me",
              ZoneOffset.UTC),
          new MovementViewModel(store.catalog, store.locationService, store.stock, runner, changes),
          new CountViewModel(store.catalog, store.locationService, store.stock, runner, changes),
          new ActivityViewModel(store.stock, runner, ZoneOffset.UTC),
          new QueueViewModel(store.outboxService, runner, ZoneOffset.UTC),
          new LocationsViewModel(store.locationService, runner, changes),
          new StatusBarViewModel(store.outboxService, runner),
          new ScanViewModel(store.catalog, runner, main));

  @Test
  void scanOpensTheItemOnTheItemsScreen() {
    Item item = store.catalog.create(new ItemDraft("A-1", "777", "Anchor", null, null, null, 0));
    main.start(s);
    main.show(Page.QUEUE);
    s.scan().codeProperty().set("777");
    s.scan().scan();
    assertThat(main.pageProperty().get()).isEqualTo(Page.ITEMS);
    assertThat(s.detail().itemId()).isEqualTo(item.id());
  }

  @Test
  void aWriteRefreshesTheStatusBarTheListAndTheQueue() {
    main.start(s);
    assertThat(s.items().firstRunProperty().get()).isTrue();
    main.show(Page.QUEUE);
    main.newItem();
    assertThat(main.pageProperty().get()).isEqualTo(Page.ITEMS);
    s.detail().skuProperty().set("A-1");
    s.detail().nameProperty().set("Anchor");
    s.detail().save();

    assertThat(s.status().pendingProperty().get()).isEqualTo("1 pending");
    assertThat(s.items().firstRunProperty().get()).isFalse();
    assertThat(s.items().totalProperty().get()).isEqualTo(1);
    main.show(Page.QUEUE);
    assertThat(s.queue().rows()).hasSize(1);
  }

  @Test
  void receiveFromTheItemPaneOpensTheMovementForm() {
    Item item = store.catalog.create(ItemDraft.of("A-1", "Anchor"));
    main.start(s);
    main.openItem(item.id());
    s.detail().receive();
    assertThat(main.pageProperty().get()).isEqualTo(Page.MOVEMENT);
    assertThat(s.movement().reasonProperty().get()).isEqualTo(MovementReason.RECEIVE);
    assertThat(s.movement().itemCodeProperty().get()).isEqualTo("A-1");
  }
}
