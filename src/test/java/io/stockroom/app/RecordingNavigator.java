package io.stockroom.app;

import io.stockroom.app.screens.Navigator;
import io.stockroom.app.screens.Page;
import io.stockroom.domain.MovementReason;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Remembers what screens asked the main window to do. */
public final class RecordingNavigator implements Navigator {

  public final List<String> calls = new ArrayList<>();

  @Override
  public void show(Page page) {
    calls.add("show " + page);
  }

  @Override
  public void openItem(UUID itemId) {
    calls.add("open " + itemId);
  }

  @Override
  public void newItem() {
    calls.add("new");
  }

  @Override
  public void startMovement(MovementReason reason, String itemCode) {
    calls.add(reason + " " + itemCode);
  }
}
