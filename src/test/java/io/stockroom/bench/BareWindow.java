package io.stockroom.bench;

import com.sun.javafx.perf.PerformanceTracker;
import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The floor of the cold-start measure (issue 17): a bare JavaFX window with a table of 200 rows,
 * nothing else, on the same runtime as the app. It prints its first painted frame in the words of
 * the app's smoke mode ({@code first paint after N ms (JVM uptime; M ms since the process
 * started)}) and exits.
 *
 * <p>{@code java -cp target/stockroom.jar:target/test-classes io.stockroom.bench.BareWindow}
 */
public final class BareWindow {

  private BareWindow() {}

  /** Not the Application itself: the java launcher refuses a main class that extends it. */
  public static void main(String[] args) {
    Application.launch(Window.class, args);
  }

  /** The window; public for JavaFX's launcher. */
  public static final class Window extends Application {
    @Override
    public void start(Stage stage) {
      TableView<String> table = new TableView<>();
      for (String title : new String[] {"SKU", "Name", "On hand"}) {
        TableColumn<String, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(title + " " + c.getValue()));
        table.getColumns().add(column);
      }
      table.setItems(FXCollections.observableArrayList());
      for (int i = 0; i < 200; i++) {
        table.getItems().add(String.format("%05d", i));
      }
      Scene scene = new Scene(table, 1280, 800);
      PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
      tracker.setOnRenderedFrameTask(
          () -> {
            tracker.setOnRenderedFrameTask(null);
            long now = System.currentTimeMillis();
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            String sinceProcess =
                ProcessHandle.current()
                    .info()
                    .startInstant()
                    .map(i -> "; " + (now - i.toEpochMilli()) + " ms since the process started")
                    .orElse("");
            System.out.println(
                "first paint after " + (now - jvmStart) + " ms (JVM uptime" + sinceProcess + ")");
            Platform.exit();
          });
      stage.setTitle("Bare window");
      stage.setScene(scene);
      stage.show();
    }
  }
}
