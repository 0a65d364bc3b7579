package io.stockroom.app.shell;

import io.stockroom.app.activity.ActivityViewModel;
import io.stockroom.app.conflicts.ConflictsViewModel;
import io.stockroom.app.count.CountViewModel;
import io.stockroom.app.item.ItemDetailViewModel;
import io.stockroom.app.items.ItemsViewModel;
import io.stockroom.app.locations.LocationsViewModel;
import io.stockroom.app.movement.MovementViewModel;
import io.stockroom.app.queue.QueueViewModel;
import io.stockroom.app.scan.ScanViewModel;
import io.stockroom.app.screens.LocalChanges;
import io.stockroom.app.screens.Navigator;
import io.stockroom.app.screens.Page;
import io.stockroom.app.status.StatusBarViewModel;
import io.stockroom.domain.MovementReason;
import java.util.UUID;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The main window: which screen shows, and what reloads after a local write. The screens' view
 * models are handed in by the composition root; the ones that navigate get this as their {@link
 * Navigator}.
 */
public final class MainViewModel implements Navigator {

  /** The screens, created after this (they need it as their navigator). */
  public record Screens(
      ItemsViewModel items,
      ItemDetailViewModel detail,
      MovementViewModel movement,
      CountViewModel count,
      ActivityViewModel activity,
      QueueViewModel queue,
      LocationsViewModel locations,
      StatusBarViewModel status,
      ScanViewModel scan,
      ConflictsViewModel conflicts) {

    /** Without the conflicts inbox (tests of the other screens). */
    public Screens(
        ItemsViewModel items,
        ItemDetailViewModel detail,
        MovementViewModel movement,
        CountViewModel count,
        ActivityViewModel activity,
        QueueViewModel queue,
        LocationsViewModel locations,
        StatusBarViewModel status,
        ScanViewModel scan) {
      this(items, detail, movement, count, activity, queue, locations, status, scan, null);
    }
  }

  private final ReadOnlyObjectWrapper<Page> page =
      new ReadOnlyObjectWrapper<>(this, "page", Page.ITEMS);
  private Screens screens;

  public MainViewModel(LocalChanges changes) {
    changes.subscribe(this::afterLocalChange);
    page.addListener((obs, old, now) -> refresh(now));
  }

  /** Connects the screens and loads the first one. */
  public void start(Screens s) {
    this.screens = s;
    s.items().refresh();
    s.status().refresh();
    if (s.conflicts() != null) {
      s.conflicts().refresh();
    }
    refresh(page.get());
  }

  @Override
  public void show(Page p) {
    page.set(p);
  }

  @Override
  public void openItem(UUID itemId) {
    page.set(Page.ITEMS);
    screens.detail().open(itemId);
    screens.items().reveal(itemId);
  }

  @Override
  public void newItem() {
    page.set(Page.ITEMS);
    screens.detail().newItem();
  }

  @Override
  public void startMovement(MovementReason reason, String itemCode) {
    screens.movement().prefill(reason, itemCode);
    page.set(Page.MOVEMENT);
  }

  /** The sync agent finished a step: counts, the inbox and the sync screen may have changed. */
  public void afterSync() {
    if (screens == null) {
      return;
    }
    if (screens.conflicts() != null) {
      screens.conflicts().refresh();
    }
    if (page.get() == Page.QUEUE) {
      screens.queue().refresh();
    }
  }

  /** A sync received records: the lists on screen show them (issue 16). */
  public void afterPull() {
    if (screens == null) {
      return;
    }
    screens.items().reload();
    screens.detail().reload();
    if (page.get() != Page.ITEMS) {
      refresh(page.get());
    }
  }

  private void afterLocalChange() {
    screens.status().refresh();
    screens.items().reload();
    screens.detail().reload();
    if (page.get() != Page.ITEMS) {
      refresh(page.get());
    }
  }

  private void refresh(Page p) {
    if (screens == null) {
      return;
    }
    switch (p) {
      case ACTIVITY -> screens.activity().refresh();
      case QUEUE -> screens.queue().refresh();
      case LOCATIONS -> screens.locations().refresh();
      case CONFLICTS -> {
        if (screens.conflicts() != null) {
          screens.conflicts().refresh();
        }
      }
      case ITEMS -> screens.detail().reload();
      default -> {}
    }
  }

  public ReadOnlyObjectProperty<Page> pageProperty() {
    return page.getReadOnlyProperty();
  }

  public Screens screens() {
    return screens;
  }
}
