package io.stockroom.app.item;

import io.stockroom.app.ui.Ui;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** The open item: edit form, stock per bin, notes. Ctrl+S saves. */
public final class ItemDetailView extends StackPane {

  private static final KeyCombination SAVE =
      new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);

  private final ItemDetailViewModel vm;
  private final TextField sku = Ui.textField("itemSku", "e.g. BOLT-M8-40");
  private boolean formBuilt;

  /**
   * Shows the placeholder; the form (200 of the 526 nodes the window had at start) is built the
   * first time an item opens, so a cold start does not style and lay out what it does not show.
   */
  public ItemDetailView(ItemDetailViewModel vm) {
    this.vm = vm;
    Label placeholder = new Label("Select an item, scan a barcode, or press Ctrl+N to add one.");
    placeholder.setId("detailPlaceholder");
    placeholder.getStyleClass().add("text-muted");
    placeholder.setWrapText(true);
    placeholder.setPadding(new javafx.geometry.Insets(16));
    placeholder.visibleProperty().bind(vm.showingProperty().not());
    getChildren().add(placeholder);
    vm.showingProperty()
        .addListener(
            (obs, was, showing) -> {
              if (showing) {
                buildForm();
              }
            });
    if (vm.showingProperty().get()) {
      buildForm();
    }
    addEventFilter(
        javafx.scene.input.KeyEvent.KEY_PRESSED,
        e -> {
          if (SAVE.match(e)) {
            vm.save();
            e.consume();
          }
        });
    vm.isNewProperty()
        .addListener(
            (obs, was, isNew) -> {
              if (isNew) {
                buildForm();
                sku.requestFocus();
              }
            });
  }

  private void buildForm() {
    if (formBuilt) {
      return;
    }
    formBuilt = true;
    Label title = Ui.title("");
    title.setId("itemTitle");
    title.setWrapText(true); // a 40-character SKU and a 60-character name, at any text size
    title.textProperty().bind(vm.titleProperty());
    Label total = Ui.muted(vm.totalOnHandProperty());
    total.setId("onHandTotal");

    TextField name = Ui.textField("itemName", "What it is called on the shelf");
    TextField barcode = Ui.textField("itemBarcode", "Scan or type");
    TextField unit = Ui.textField("itemUnit", "ea");
    TextField category = Ui.textField("itemCategory", "");
    TextField reorder = Ui.textField("itemReorderPoint", "0");
    TextField description = Ui.textField("itemDescription", "");
    sku.textProperty().bindBidirectional(vm.skuProperty());
    name.textProperty().bindBidirectional(vm.nameProperty());
    barcode.textProperty().bindBidirectional(vm.barcodeProperty());
    unit.textProperty().bindBidirectional(vm.unitProperty());
    category.textProperty().bindBidirectional(vm.categoryProperty());
    reorder.textProperty().bindBidirectional(vm.reorderPointProperty());
    description.textProperty().bindBidirectional(vm.descriptionProperty());
    for (TextField f : new TextField[] {sku, name, barcode, unit, category, reorder, description}) {
      f.setOnAction(e -> vm.save());
    }

    GridPane form = new GridPane();
    form.setHgap(12);
    form.setVgap(8);
    form.add(Ui.labelled("_SKU", sku), 0, 0);
    form.add(Ui.labelled("_Name", name), 1, 0);
    form.add(Ui.labelled("_Barcode", barcode), 0, 1);
    form.add(Ui.labelled("_Unit", unit), 1, 1);
    form.add(Ui.labelled("Ca_tegory", category), 0, 2);
    form.add(Ui.labelled("_Reorder point", reorder), 1, 2);
    form.add(Ui.labelled("_Description", description), 0, 3, 2, 1);
    for (int i = 0; i < 2; i++) {
      var c = new javafx.scene.layout.ColumnConstraints();
      c.setPercentWidth(50);
      form.getColumnConstraints().add(c);
    }

    Button save = Ui.primary("saveItemButton", "Save", MaterialDesignC.CONTENT_SAVE);
    save.setOnAction(e -> vm.save());
    save.disableProperty().bind(vm.busyProperty());
    Button receive = Ui.button("receiveItemButton", "Receive", null);
    receive.setOnAction(e -> vm.receive());
    Button pick = Ui.button("pickItemButton", "Pick", null);
    pick.setOnAction(e -> vm.pick());
    Button delete = Ui.button("deleteItemButton", "Delete", MaterialDesignD.DELETE_OUTLINE);
    delete
        .getStyleClass()
        .addAll(atlantafx.base.theme.Styles.DANGER, atlantafx.base.theme.Styles.BUTTON_OUTLINED);
    delete.setOnAction(e -> vm.delete());
    for (Button b : new Button[] {receive, pick, delete}) {
      b.visibleProperty().bind(vm.isNewProperty().not());
      b.managedProperty().bind(b.visibleProperty());
    }
    javafx.scene.layout.FlowPane buttons =
        new javafx.scene.layout.FlowPane(8, 8, save, receive, pick, delete);

    TableView<OnHandRow> onHand = Ui.table("onHandTable", "No stock recorded for this item yet.");
    onHand.setItems(vm.onHand());
    onHand.getColumns().add(Ui.column("Location", 160, OnHandRow::location));
    onHand.getColumns().add(Ui.column("On hand", 120, OnHandRow::quantity));
    onHand.setRowFactory(
        t ->
            new TableRow<>() {
              @Override
              protected void updateItem(OnHandRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(
                    javafx.css.PseudoClass.getPseudoClass("negative"),
                    !empty && row != null && row.negative());
              }
            });
    onHand.setPrefHeight(150);

    ListView<NoteRow> notes = new ListView<>(vm.notes());
    notes.setId("notesList");
    notes.setPrefHeight(120);
    notes.setPlaceholder(new Label("No notes."));
    TextField note = Ui.textField("noteText", "Add a note and press Enter");
    note.textProperty().bindBidirectional(vm.newNoteProperty());
    note.setOnAction(e -> vm.addNote());
    HBox.setHgrow(note, Priority.ALWAYS);
    Button addNote = Ui.button("addNoteButton", "Add note", MaterialDesignT.TEXT_BOX_PLUS_OUTLINE);
    addNote.setOnAction(e -> vm.addNote());
    addNote.disableProperty().bind(vm.isNewProperty());
    note.disableProperty().bind(vm.isNewProperty());

    VBox content =
        new VBox(
            12,
            new VBox(2, title, total),
            form,
            buttons,
            Ui.errorLabel("itemError", vm.errorProperty()),
            Ui.messageLabel("itemMessage", vm.messageProperty()),
            section("Stock by location"),
            onHand,
            section("Notes"),
            new HBox(8, note, addNote),
            notes);
    content.getStyleClass().add("page");
    ScrollPane scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    scroll.visibleProperty().bind(vm.showingProperty());
    getChildren().add(scroll);
  }

  /** Puts the cursor in the SKU field (new item). */
  public void focusSku() {
    buildForm();
    sku.requestFocus();
  }

  private static Label section(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("section");
    return l;
  }
}
