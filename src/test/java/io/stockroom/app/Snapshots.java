package io.stockroom.app;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Pictures of the app's windows: a scene rendered by JavaFX ({@link Scene#snapshot}, which works
 * under Monocle's headless platform with the software pipeline), turned into an AWT image and
 * written as PNG. Call the {@code snapshot} methods on the FX thread.
 */
final class Snapshots {

  private Snapshots() {}

  /** The scene as it is painted now, opaque RGB. */
  static BufferedImage snapshot(Scene scene) {
    WritableImage fx = scene.snapshot(null);
    int w = (int) fx.getWidth();
    int h = (int) fx.getHeight();
    int[] argb = new int[w * h];
    fx.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, w, h, argb, 0, w);
    return image;
  }

  /** The dialog window showing now over the app, or null. */
  static Window dialog() {
    return Window.getWindows().stream()
        .filter(Window::isShowing)
        .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
        .findFirst()
        .orElse(null);
  }

  /**
   * The main window dimmed, with the dialog drawn in its middle as a window manager would place it
   * (its scene, under a plain title bar: the real one is the window manager's).
   */
  static BufferedImage withDialog(Scene main, Window dialog) {
    BufferedImage back = snapshot(main);
    BufferedImage front = snapshot(dialog.getScene());
    String title = dialog instanceof Stage s && s.getTitle() != null ? s.getTitle() : "";
    Graphics2D g = back.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(new Color(0, 0, 0, 90));
      g.fillRect(0, 0, back.getWidth(), back.getHeight());
      int bar = 30;
      int x = Math.max(0, (back.getWidth() - front.getWidth()) / 2);
      int y = Math.max(bar, (back.getHeight() - front.getHeight() + bar) / 2);
      g.setColor(new Color(0, 0, 0, 60));
      g.fillRect(x - 2, y - bar + 2, front.getWidth() + 6, front.getHeight() + bar + 6);
      g.setColor(new Color(0xe9, 0xec, 0xef));
      g.fillRect(x, y - bar, front.getWidth(), bar);
      g.setColor(new Color(0x24, 0x29, 0x2f));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      g.drawString(title, x + 12, y - bar / 2 + 5);
      g.drawImage(front, x, y, null);
      g.setColor(new Color(0x9a, 0xa1, 0xa9));
      g.setStroke(new BasicStroke(1));
      g.drawRect(x - 1, y - bar - 1, front.getWidth() + 1, front.getHeight() + bar + 1);
    } finally {
      g.dispose();
    }
    return back;
  }

  static void write(BufferedImage image, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (!ImageIO.write(image, "png", file.toFile())) {
        throw new IOException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
