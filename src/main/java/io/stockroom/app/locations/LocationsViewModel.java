package io.stockroom.app.locations;

import io.stockroom.app.screens.LocalChanges;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Errors;
import io.stockroom.domain.Location;
import io.stockroom.domain.LocationService;
import io.stockroom.domain.ValidationException;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Bins and shelves of the current site, and a form to add one. */
public final class LocationsViewModel {

  private final LocationService locations;
  private final TaskRunner runner;
  private final LocalChanges changes;
  private final StringProperty code = new SimpleStringProperty(this, "code", "");
  private final StringProperty zone = new SimpleStringProperty(this, "zone", "");
  private final StringProperty description = new SimpleStringProperty(this, "description", "");
  private final ReadOnlyStringWrapper site = new ReadOnlyStringWrapper(this, "site", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ObservableList<LocationRow> rows = FXCollections.observableArrayList();

  public LocationsViewModel(LocationService locations, TaskRunner runner, LocalChanges changes) {
    this.locations = locations;
    this.runner = runner;
    this.changes = changes;
  }

  public void refresh() {
    runner.run(
        () -> new Listing(describeSite(), locations.list().stream().map(this::row).toList()),
        listing -> {
          site.set(listing.site);
          rows.setAll(listing.rows);
        },
        e -> error.set(Errors.message(e)));
  }

  public void add() {
    String c = code.get() == null ? "" : code.get().strip();
    if (c.isEmpty()) {
      error.set("Bin code is required.");
      message.set("");
      return;
    }
    String z = blankToNull(zone.get());
    String d = blankToNull(description.get());
    runner.run(
        () -> {
          if (locations.findByCode(c).isPresent()) {
            throw new ValidationException("code", "Bin " + c + " already exists.");
          }
          return locations.create(c, z, d);
        },
        created -> {
          error.set("");
          message.set("Bin " + created.code() + " added.");
          code.set("");
          zone.set("");
          description.set("");
          changes.fire();
          refresh();
        },
        e -> {
          message.set("");
          error.set(Errors.message(e));
        });
  }

  private String describeSite() {
    var s = locations.currentSite();
    return s == null ? "" : "Site " + s.code() + (s.name() == null ? "" : " \u00b7 " + s.name());
  }

  private LocationRow row(Location l) {
    return new LocationRow(
        l.code(),
        l.zone() == null ? "" : l.zone(),
        l.description() == null ? "" : l.description(),
        l.syncStatus() == null ? "" : l.syncStatus().dbValue());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private record Listing(String site, java.util.List<LocationRow> rows) {}

  public StringProperty codeProperty() {
    return code;
  }

  public StringProperty zoneProperty() {
    return zone;
  }

  public StringProperty descriptionProperty() {
    return description;
  }

  public ReadOnlyStringProperty siteProperty() {
    return site.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ObservableList<LocationRow> rows() {
    return FXCollections.unmodifiableObservableList(rows);
  }
}
