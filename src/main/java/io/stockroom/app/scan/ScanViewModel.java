package io.stockroom.app.scan;

import io.stockroom.app.screens.Navigator;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Errors;
import io.stockroom.domain.CatalogService;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The scan field: a barcode scanner types a code and Enter. A known barcode or SKU opens the item;
 * anything else says so.
 */
public final class ScanViewModel {

  private final CatalogService catalog;
  private final TaskRunner runner;
  private final Navigator navigator;
  private final StringProperty code = new SimpleStringProperty(this, "code", "");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyBooleanWrapper unknown = new ReadOnlyBooleanWrapper(this, "unknown");

  public ScanViewModel(CatalogService catalog, TaskRunner runner, Navigator navigator) {
    this.catalog = catalog;
    this.runner = runner;
    this.navigator = navigator;
  }

  /** Enter in the scan field. */
  public void scan() {
    String c = code.get() == null ? "" : code.get().strip();
    code.set("");
    if (c.isEmpty()) {
      return;
    }
    runner.run(
        () -> catalog.findByCode(c),
        found -> {
          if (found.isPresent()) {
            unknown.set(false);
            message.set("Scanned " + found.get().sku());
            navigator.openItem(found.get().id());
          } else {
            unknown.set(true);
            message.set("Unknown barcode " + c);
          }
        },
        e -> {
          unknown.set(true);
          message.set(Errors.message(e));
        });
  }

  public StringProperty codeProperty() {
    return code;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** True when the last scan found nothing (the view shows it as a warning). */
  public ReadOnlyBooleanProperty unknownProperty() {
    return unknown.getReadOnlyProperty();
  }
}
