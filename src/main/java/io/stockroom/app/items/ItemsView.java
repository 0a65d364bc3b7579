package io.stockroom.app.items;

import atlantafx.base.controls.CustomTextField;
import io.stockroom.app.item.ItemDetailView;
import io.stockroom.app.item.ItemDetailViewModel;
import io.stockroom.app.screens.Navigator;
import io.stockroom.app.screens.Page;
import io.stockroom.app.ui.Ui;
import io.stockroom.domain.ItemOrder;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The items screen: a searchable, virtualized list beside the open item; first-run help. */
public final class ItemsView extends StackPane {

  private final CustomTextField search = new CustomTextField();
  private final TableView<ItemRow> table = new TableView<>();
  private final ItemDetailView detailView;

  public ItemsView(ItemsViewModel vm, ItemDetailViewModel detail, Navigator nav) {
    detailView = new ItemDetailView(detail);
    search.setId("searchField");
    search.setPromptText("Search SKU, barcode or name  (Ctrl+F)");
    search.setLeft(new FontIcon(MaterialDesignM.MAGNIFY));
    search.textProperty().bindBidirectional(vm.queryProperty());
    search.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ESCAPE) {
            search.clear();
          } else if (e.getCode() == KeyCode.DOWN) {
            table.requestFocus();
            table.getSelectionModel().selectFirst();
          }
        });
    HBox.setHgrow(search, Priority.ALWAYS);
    Button add = Ui.primary("newItemButton", "New item", MaterialDesignP.PLUS);
    add.setOnAction(e -> newItem(nav));

    table.setId("itemsTable");
    table.itemsProperty().bind(vm.itemsProperty());
    table.setPlaceholder(new Label("No items match."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    io.stockroom.app.ui.TableHeaders.keepWhole(table);
    TableColumn<ItemRow, String> skuColumn = column("SKU", 120, ItemRow::skuProperty);
    TableColumn<ItemRow, String> nameColumn = column("Name", 220, ItemRow::nameProperty);
    TableColumn<ItemRow, String> onHandColumn = column("On hand", 80, ItemRow::onHandProperty);
    onHandColumn.setId("onHandColumn");
    onHandColumn.getStyleClass().add("number-column");
    table.getColumns().add(skuColumn);
    table.getColumns().add(nameColumn);
    table.getColumns().add(onHandColumn);
    table.getColumns().add(column("Barcode", 120, ItemRow::barcodeProperty));
    table.getColumns().add(column("Unit", 45, ItemRow::unitProperty));
    sortedBy(vm, skuColumn, ItemOrder.SKU);
    sortedBy(vm, nameColumn, ItemOrder.NAME);
    sortedBy(vm, onHandColumn, ItemOrder.ON_HAND);
    java.util.List<TableColumn<ItemRow, String>> sortable =
        java.util.List.of(skuColumn, nameColumn, onHandColumn);
    // The table clears its sort order when its list is replaced (every search or sort), and a third
    // click on a header would too: the model keeps its order, and the header shows it again.
    Runnable showOrder =
        () -> {
          ItemOrder o = vm.orderProperty().get();
          TableColumn<ItemRow, String> c =
              sortable.stream()
                  .filter(s -> s.getUserData() == o.ascending())
                  .findFirst()
                  .orElse(skuColumn);
          c.setSortType(
              o.descending() ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
          if (!table.getSortOrder().equals(java.util.List.of(c))) {
            table.getSortOrder().setAll(c);
          }
        };
    // The list is paged from the database: a header click asks the store for another order, the
    // table never sorts the rows itself.
    table.setSortPolicy(
        t -> {
          if (t.getSortOrder().isEmpty()) {
            javafx.application.Platform.runLater(showOrder);
            return true;
          }
          TableColumn<ItemRow, ?> first = t.getSortOrder().get(0);
          ItemOrder key = (ItemOrder) first.getUserData();
          boolean down = first.getSortType() == TableColumn.SortType.DESCENDING;
          vm.orderProperty().set(down ? key.reversed() : key);
          return true;
        });
    showOrder.run();
    table.setFixedCellSize(32);
    // Rows are filled again in place after a change; sorted by stock or name, the selected row may
    // now hold another item. The selection then follows the open item, not the row.
    javafx.beans.value.ChangeListener<String> refilled =
        (obs, was, now) ->
            // After the whole page is filled: the item may be further down the same page.
            javafx.application.Platform.runLater(
                () -> {
                  ItemRow row = table.getSelectionModel().getSelectedItem();
                  java.util.UUID open = detail.requestedId();
                  if (row != null && open != null && !open.equals(row.id())) {
                    vm.reveal(open);
                  }
                });
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, row) -> {
              if (old != null) {
                old.skuProperty().removeListener(refilled);
              }
              if (row != null) {
                row.skuProperty().addListener(refilled);
              }
              if (row != null && row.id() != null && !row.id().equals(detail.requestedId())) {
                detail.open(row.id());
              }
            });
    vm.revealedProperty()
        .addListener(
            (obs, old, reveal) -> {
              if (reveal.index() < 0) {
                table.getSelectionModel().clearSelection();
              } else {
                table.getSelectionModel().clearAndSelect(reveal.index());
                table.scrollTo(reveal.index());
              }
            });
    VBox.setVgrow(table, Priority.ALWAYS);

    Label summary = Ui.muted(vm.summaryProperty());
    summary.setId("itemsSummary");
    VBox list =
        new VBox(
            8,
            new HBox(8, search, add),
            summary,
            Ui.errorLabel("itemsError", vm.errorProperty()),
            table);
    list.getStyleClass().add("page");

    SplitPane split = new SplitPane(list, detailView);
    split.setDividerPositions(0.56);
    FirstRunPane firstRun = new FirstRunPane(this, nav);
    firstRun.visibleProperty().bind(vm.firstRunProperty().and(detail.showingProperty().not()));
    getChildren().addAll(split, firstRun);
  }

  /** Ctrl+N: an empty item form with the cursor in its SKU field. */
  public void newItem(Navigator nav) {
    nav.newItem();
    detailView.focusSku();
  }

  public void focusTable() {
    table.requestFocus();
  }

  /** Ctrl+F: puts the cursor in the search field. */
  public void focusSearch() {
    search.requestFocus();
    search.selectAll();
  }

  private static void sortedBy(ItemsViewModel vm, TableColumn<ItemRow, String> c, ItemOrder o) {
    c.setSortable(true);
    c.setUserData(o);
    c.setComparator((a, b) -> 0); // never used: the store sorts
  }

  private static TableColumn<ItemRow, String> column(
      String title, double width, java.util.function.Function<ItemRow, ObservableValue<String>> f) {
    TableColumn<ItemRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> f.apply(cell.getValue()));
    c.setPrefWidth(width);
    c.setSortable(false);
    return c;
  }

  /** What an empty profile shows instead of an empty table. */
  static final class FirstRunPane extends VBox {
    FirstRunPane(ItemsView owner, Navigator nav) {
      super(14);
      setId("firstRunPane");
      getStyleClass().add("first-run");
      Label title = new Label("Welcome to Stockroom");
      title.getStyleClass().add("title-2");
      Label intro =
          new Label(
              "This profile has no items yet. Everything you enter is kept on this laptop and works "
                  + "without a network; it is sent to the server at the next sync.");
      intro.setWrapText(true);
      Button bins = Ui.button("firstRunLocationsButton", "1.  Add your bins  (Ctrl+6)", null);
      bins.setOnAction(e -> nav.show(Page.LOCATIONS));
      Button item = Ui.primary("firstRunNewItemButton", "2.  Add your first item  (Ctrl+N)", null);
      item.setOnAction(e -> owner.newItem(nav));
      Button receive = Ui.button("firstRunReceiveButton", "3.  Receive stock  (Ctrl+2)", null);
      receive.setOnAction(e -> nav.show(Page.MOVEMENT));
      Label scan = new Label("A barcode scanner works anywhere: scan an item to open it.");
      scan.getStyleClass().add("text-muted");
      scan.setWrapText(true);
      FontIcon icon = new FontIcon(MaterialDesignP.PACKAGE_VARIANT_CLOSED);
      getChildren().addAll(icon, title, intro, bins, item, receive, scan);
      for (var b : java.util.List.of(bins, item, receive)) {
        b.setMaxWidth(320);
      }
    }
  }
}
