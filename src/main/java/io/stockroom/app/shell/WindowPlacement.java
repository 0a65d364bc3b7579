package io.stockroom.app.shell;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the main window opens (issue 16): where the user left it, kept on a screen that is there
 * now, or on a first start a comfortable size on the primary screen. Plain arithmetic over
 * rectangles so it is tested without a display; the composition root feeds it JavaFX's screens.
 *
 * <p>A saved placement is kept when enough of its title bar is on some screen to grab it; it then
 * shrinks to fit the screen that holds most of it. Otherwise (a monitor unplugged, a smaller laptop
 * screen) the window is centred on the primary screen at the saved size, shrunk to fit.
 */
public final class WindowPlacement {

  /** The smallest window the screens are laid out for; smaller screens get the whole screen. */
  public static final double MIN_WIDTH = 900;

  public static final double MIN_HEIGHT = 600;

  /** A first start takes this share of the screen, up to {@link #FIRST_MAX}. */
  static final double FIRST_SHARE = 0.9;

  static final Rect FIRST_MAX = new Rect(0, 0, 1600, 1000);

  /** How much of the title bar must be on a screen for the window to count as reachable there. */
  static final double GRIP_WIDTH = 120;

  static final double GRIP_HEIGHT = 30;

  /** A rectangle in screen coordinates (JavaFX's visual bounds: without task bars). */
  public record Rect(double x, double y, double width, double height) {

    double maxX() {
      return x + width;
    }

    double maxY() {
      return y + height;
    }

    double overlapWidth(Rect o) {
      return Math.max(0, Math.min(maxX(), o.maxX()) - Math.max(x, o.x));
    }

    double overlapHeight(Rect o) {
      return Math.max(0, Math.min(maxY(), o.maxY()) - Math.max(y, o.y));
    }
  }

  /** A window's place and whether it was maximized (the rectangle is then its normal bounds). */
  public record Placement(Rect bounds, boolean maximized) {

    /** As the profile stores it: "x,y,width,height,maximized". */
    public String encode() {
      return String.format(
          Locale.ROOT,
          "%.0f,%.0f,%.0f,%.0f,%s",
          bounds.x(),
          bounds.y(),
          bounds.width(),
          bounds.height(),
          maximized);
    }

    /** Empty for anything that is not a placement this class wrote (a damaged setting). */
    public static Optional<Placement> decode(String text) {
      if (text == null) {
        return Optional.empty();
      }
      String[] parts = text.split(",", -1);
      if (parts.length != 5) {
        return Optional.empty();
      }
      try {
        double[] n = new double[4];
        for (int i = 0; i < 4; i++) {
          n[i] = Double.parseDouble(parts[i]);
          if (!Double.isFinite(n[i]) || Math.abs(n[i]) > 100_000) {
            return Optional.empty();
          }
        }
        if (n[2] <= 0 || n[3] <= 0) {
          return Optional.empty();
        }
        return Optional.of(
            new Placement(new Rect(n[0], n[1], n[2], n[3]), Boolean.parseBoolean(parts[4])));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  private WindowPlacement() {}

  /**
   * Where to open the window, given the saved placement (if any) and the screens now attached, the
   * primary first.
   */
  public static Placement place(Optional<Placement> saved, List<Rect> screens) {
    if (screens.isEmpty()) {
      throw new IllegalArgumentException("no screen");
    }
    Rect primary = screens.get(0);
    if (saved.isEmpty()) {
      return new Placement(firstStart(primary), false);
    }
    Rect want = saved.get().bounds();
    // The screen holding most of the window, among those its title bar can be grabbed on.
    Rect best = null;
    double most = -1;
    for (Rect screen : screens) {
      double area = want.overlapWidth(screen) * want.overlapHeight(screen);
      if (grippable(want, screen) && area > most) {
        best = screen;
        most = area;
      }
    }
    if (best != null) {
      return new Placement(fitInside(want, best), saved.get().maximized());
    }
    Rect size = fitInside(new Rect(0, 0, want.width(), want.height()), primary);
    return new Placement(centred(size.width(), size.height(), primary), saved.get().maximized());
  }

  /** A first start: most of the primary screen, centred, not larger than is comfortable. */
  static Rect firstStart(Rect screen) {
    double w = Math.min(FIRST_MAX.width(), Math.max(MIN_WIDTH, screen.width() * FIRST_SHARE));
    double h = Math.min(FIRST_MAX.height(), Math.max(MIN_HEIGHT, screen.height() * FIRST_SHARE));
    return centred(Math.min(w, screen.width()), Math.min(h, screen.height()), screen);
  }

  /** The smallest size to allow on a screen: the layout's minimum, or the screen if smaller. */
  public static Rect minimumOn(Rect screen) {
    return new Rect(
        0, 0, Math.min(MIN_WIDTH, screen.width()), Math.min(MIN_HEIGHT, screen.height()));
  }

  private static boolean grippable(Rect window, Rect screen) {
    Rect titleBar = new Rect(window.x(), window.y(), window.width(), GRIP_HEIGHT);
    return titleBar.overlapWidth(screen) >= Math.min(GRIP_WIDTH, window.width())
        && titleBar.overlapHeight(screen) >= GRIP_HEIGHT / 2;
  }

  /** Shrinks to the screen, then moves the least needed to be wholly on it. */
  private static Rect fitInside(Rect r, Rect screen) {
    Rect min = minimumOn(screen);
    double w = Math.max(min.width(), Math.min(r.width(), screen.width()));
    double h = Math.max(min.height(), Math.min(r.height(), screen.height()));
    double x = Math.max(screen.x(), Math.min(r.x(), screen.maxX() - w));
    double y = Math.max(screen.y(), Math.min(r.y(), screen.maxY() - h));
    return new Rect(x, y, w, h);
  }

  private static Rect centred(double w, double h, Rect screen) {
    return new Rect(
        screen.x() + (screen.width() - w) / 2, screen.y() + (screen.height() - h) / 2, w, h);
  }
}
