package io.stockroom.app.screens;

import io.stockroom.domain.MovementReason;
import java.util.UUID;

/** What a screen may ask of the main window, without knowing it. */
public interface Navigator {

  void show(Page page);

  /** Shows the items screen with this item open in the detail pane. */
  void openItem(UUID itemId);

  /** Shows the items screen with an empty item form. */
  void newItem();

  /** Shows the movement form for {@code reason}, with the item code filled in. */
  void startMovement(MovementReason reason, String itemCode);
}
