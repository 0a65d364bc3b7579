package io.stockroom.app.conflicts;

import io.stockroom.domain.ItemConflict;
import io.stockroom.domain.ItemField;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One row of the item conflict dialog. A conflicting field starts on the server's value; {@link
 * #useYoursProperty()} switches it to this laptop's. A merged field needs no choice.
 */
public final class FieldChoice {

  private final ItemConflict.Field field;
  private final BooleanProperty useYours = new SimpleBooleanProperty(this, "useYours", false);

  FieldChoice(ItemConflict.Field field) {
    this.field = field;
  }

  public ItemField field() {
    return field.field();
  }

  public String label() {
    String n = field.field().wireName().replace('_', ' ');
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  public String yours() {
    return field.yours() == null ? "" : field.yours();
  }

  public String theirs() {
    return field.theirs() == null ? "" : field.theirs();
  }

  public String base() {
    return field.base() == null ? "(not known)" : field.base();
  }

  public boolean conflicting() {
    return field.conflicting();
  }

  public String state() {
    if (field.conflicting()) {
      return "changed on both sides";
    }
    return field.merged() ? "merged" : "server kept its value";
  }

  public BooleanProperty useYoursProperty() {
    return useYours;
  }

  /** The value the result will hold. */
  String chosen() {
    return useYours.get() ? field.yours() : field.theirs();
  }
}
