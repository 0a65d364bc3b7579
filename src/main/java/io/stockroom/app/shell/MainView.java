package io.stockroom.app.shell;

import io.stockroom.app.activity.ActivityView;
import io.stockroom.app.conflicts.ConflictsView;
import io.stockroom.app.count.CountView;
import io.stockroom.app.items.ItemsView;
import io.stockroom.app.locations.LocationsView;
import io.stockroom.app.movement.MovementView;
import io.stockroom.app.queue.QueueView;
import io.stockroom.app.scan.ScanView;
import io.stockroom.app.screens.Page;
import io.stockroom.app.status.StatusBarView;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The window: top bar with the scan field, left navigation, the current screen, status bar.
 * Keyboard: Ctrl+1..7 screens, Ctrl+F search, Ctrl+N new item, Ctrl+K scan field; a scanner's
 * keystrokes typed outside a text field go to the scan field.
 */
public final class MainView extends BorderPane {

  private static final Map<Page, Ikon> ICONS =
      Map.of(
          Page.ITEMS, MaterialDesignP.PACKAGE_VARIANT_CLOSED,
          Page.MOVEMENT, MaterialDesignT.TRUCK_DELIVERY,
          Page.COUNT, MaterialDesignC.CLIPBOARD_CHECK_OUTLINE,
          Page.ACTIVITY, MaterialDesignH.HISTORY,
          Page.QUEUE, MaterialDesignC.CLOUD_UPLOAD_OUTLINE,
          Page.LOCATIONS, MaterialDesignM.MAP_MARKER_OUTLINE,
          Page.CONFLICTS, MaterialDesignA.ALERT_OUTLINE);

  private final MainViewModel vm;
  private final ScanView scan;
  private final ItemsView items;
  private final StackPane center = new StackPane();
  private final HBox topBar;
  private final Map<Page, Supplier<Node>> factories = new EnumMap<>(Page.class);
  private final Map<Page, Node> pages = new EnumMap<>(Page.class);
  private final Map<Page, ToggleButton> navButtons = new EnumMap<>(Page.class);

  /**
   * Builds the frame and the items screen; the other screens are built the first time they are
   * shown, so a cold start pays only for what it paints.
   */
  public MainView(MainViewModel vm) {
    this.vm = vm;
    MainViewModel.Screens s = vm.screens();
    scan = new ScanView(s.scan());
    items = new ItemsView(s.items(), s.detail(), vm);
    factories.put(Page.ITEMS, () -> items);
    factories.put(Page.MOVEMENT, () -> new MovementView(s.movement()));
    factories.put(Page.COUNT, () -> new CountView(s.count()));
    factories.put(Page.ACTIVITY, () -> new ActivityView(s.activity()));
    factories.put(Page.QUEUE, () -> new QueueView(s.queue()));
    factories.put(Page.LOCATIONS, () -> new LocationsView(s.locations()));
    factories.put(Page.CONFLICTS, () -> new ConflictsView(s.conflicts()));

    topBar = topBar();
    setTop(topBar);
    setLeft(nav());
    setCenter(center);
    setBottom(new StatusBarView(s.status()));
    vm.pageProperty().addListener((obs, old, page) -> onPage(page));
    onPage(vm.pageProperty().get());
  }

  /** The screen of {@code page}, built and added (hidden unless current) on first use. */
  private Node page(Page page) {
    return pages.computeIfAbsent(
        page,
        p -> {
          Node node = factories.get(p).get();
          node.visibleProperty().bind(vm.pageProperty().isEqualTo(p));
          center.getChildren().add(node);
          return node;
        });
  }

  /** Shortcuts and the scanner hand-off need the scene. */
  public void install(Scene scene) {
    Page[] all = Page.values();
    for (int i = 0; i < all.length; i++) {
      Page page = all[i];
      scene
          .getAccelerators()
          .put(shortcut(KeyCode.valueOf("DIGIT" + (i + 1))), () -> vm.show(page));
    }
    scene
        .getAccelerators()
        .put(
            shortcut(KeyCode.F),
            () -> {
              vm.show(Page.ITEMS);
              items.focusSearch();
            });
    scene.getAccelerators().put(shortcut(KeyCode.N), () -> items.newItem(vm));
    scene.getAccelerators().put(shortcut(KeyCode.K), () -> scan.field().requestFocus());
    scene.addEventFilter(KeyEvent.KEY_TYPED, e -> handOffToScan(scene, e));
  }

  private void handOffToScan(Scene scene, KeyEvent e) {
    if (scene.getFocusOwner() instanceof TextInputControl
        || e.isControlDown()
        || e.isAltDown()
        || e.isMetaDown()) {
      return;
    }
    String c = e.getCharacter();
    if (c.isEmpty() || Character.isWhitespace(c.charAt(0)) || Character.isISOControl(c.charAt(0))) {
      return;
    }
    scan.takeOver(c);
    e.consume();
  }

  /** Puts a tool (such as the text size menu) in the top bar, left of the scan field. */
  public void addToTopBar(Node tool) {
    topBar.getChildren().add(topBar.getChildren().indexOf(scan), tool);
  }

  /** Where the cursor starts: on the list, so a scanner's first keystrokes reach the scan field. */
  public void focusStart() {
    items.focusTable();
  }

  private static KeyCombination shortcut(KeyCode code) {
    return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
  }

  private void onPage(Page page) {
    ToggleButton b = navButtons.get(page);
    if (b != null) {
      b.setSelected(true);
    }
    Node shown = page(page);
    if (shown instanceof MovementView movement) {
      movement.focusFirstField();
    } else if (shown instanceof CountView count) {
      count.focusFirstField();
    } else if (shown instanceof LocationsView locations) {
      locations.focusFirstField();
    }
  }

  private HBox topBar() {
    FontIcon logo = new FontIcon(MaterialDesignP.PACKAGE_VARIANT);
    logo.getStyleClass().add("logo");
    Label name = new Label("Stockroom");
    name.getStyleClass().add("app-name");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(10, logo, name, spacer, scan);
    bar.getStyleClass().add("top-bar");
    return bar;
  }

  private VBox nav() {
    ToggleGroup group = new ToggleGroup();
    VBox box = new VBox(4);
    box.getStyleClass().add("nav");
    Page[] all = Page.values();
    for (int i = 0; i < all.length; i++) {
      Page page = all[i];
      ToggleButton b = new ToggleButton(page.title());
      b.setId("nav" + camel(page));
      b.setGraphic(new FontIcon(ICONS.get(page)));
      b.setToggleGroup(group);
      b.setMaxWidth(Double.MAX_VALUE);
      b.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
      b.setTooltip(new javafx.scene.control.Tooltip("Ctrl+" + (i + 1)));
      b.setOnAction(
          e -> {
            b.setSelected(true);
            vm.show(page);
          });
      navButtons.put(page, b);
      box.getChildren().add(page == Page.CONFLICTS ? withBadge(b) : b);
    }
    return box;
  }

  /** The conflicts button with the open count beside it, hidden at zero. */
  private HBox withBadge(ToggleButton b) {
    Label badge = new Label();
    badge.setId("conflictsBadge");
    badge.getStyleClass().add("badge");
    var open = vm.screens().conflicts().openCountProperty();
    badge.textProperty().bind(open.asString());
    badge.visibleProperty().bind(open.greaterThan(0));
    badge.managedProperty().bind(badge.visibleProperty());
    HBox.setHgrow(b, Priority.ALWAYS);
    HBox row = new HBox(4, b, badge);
    row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    return row;
  }

  private static String camel(Page page) {
    String n = page.name();
    return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
