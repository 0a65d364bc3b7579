import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the installer icon (a box on shelves) and writes it in the three formats jpackage wants:
 * stockroom.png (Linux), stockroom.ico (Windows) and stockroom.icns (macOS). Both containers hold
 * PNG images, which Windows Vista+ and macOS 10.7+ read.
 *
 * <p>{@code java jpackage/Icon.java OUTPUT_DIR} (a single-file program; no build needed)
 */
public class Icon {

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path out = Path.of(args.length > 0 ? args[0] : ".");
    Files.createDirectories(out);
    byte[] png256 = png(draw(256));
    byte[] png128 = png(draw(128));
    byte[] png48 = png(draw(48));
    byte[] png32 = png(draw(32));
    Files.write(out.resolve("stockroom.png"), png256);
    Files.write(out.resolve("stockroom.ico"), ico(png256, png48, png32));
    Files.write(out.resolve("stockroom.icns"), icns(png128, png256));
  }

  static BufferedImage draw(int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    double s = size / 256.0;
    // Rounded tile.
    g.setColor(new Color(0x0969DA));
    g.fill(new RoundRectangle2D.Double(8 * s, 8 * s, 240 * s, 240 * s, 56 * s, 56 * s));
    // Two shelves.
    g.setColor(new Color(0xDDF4FF));
    g.fillRect((int) (40 * s), (int) (150 * s), (int) (176 * s), Math.max(1, (int) (12 * s)));
    g.fillRect((int) (40 * s), (int) (206 * s), (int) (176 * s), Math.max(1, (int) (12 * s)));
    // A box on the upper shelf.
    g.setColor(new Color(0xF2C94C));
    g.fillRect((int) (76 * s), (int) (64 * s), (int) (104 * s), (int) (86 * s));
    g.setColor(new Color(0x9A6700));
    g.setStroke(new BasicStroke((float) Math.max(1, 6 * s)));
    g.drawRect((int) (76 * s), (int) (64 * s), (int) (104 * s), (int) (86 * s));
    g.drawLine((int) (128 * s), (int) (64 * s), (int) (128 * s), (int) (96 * s));
    if (size >= 128) {
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) (30 * s)));
      g.setColor(new Color(0x0969DA));
      g.drawString("S", (int) (117 * s), (int) (136 * s));
    }
    g.dispose();
    return img;
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bytes);
    return bytes.toByteArray();
  }

  /** ICO: a 6-byte header, one 16-byte entry per image, then the PNG data (little endian). */
  static byte[] ico(byte[]... pngs) {
    int[] sizes = {256, 48, 32};
    int offset = 6 + 16 * pngs.length;
    int total = offset;
    for (byte[] p : pngs) {
      total += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0).putShort((short) 1).putShort((short) pngs.length);
    for (int i = 0; i < pngs.length; i++) {
      int px = sizes[i] >= 256 ? 0 : sizes[i];
      b.put((byte) px).put((byte) px).put((byte) 0).put((byte) 0);
      b.putShort((short) 1).putShort((short) 32);
      b.putInt(pngs[i].length).putInt(offset);
      offset += pngs[i].length;
    }
    for (byte[] p : pngs) {
      b.put(p);
    }
    return b.array();
  }

  /** ICNS: "icns" + total length, then typed chunks: ic07 = 128 px PNG, ic08 = 256 px PNG. */
  static byte[] icns(byte[] png128, byte[] png256) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeBytes("icns");
    out.writeInt(8 + 8 + png128.length + 8 + png256.length);
    out.writeBytes("ic07");
    out.writeInt(8 + png128.length);
    out.write(png128);
    out.writeBytes("ic08");
    out.writeInt(8 + png256.length);
    out.write(png256);
    out.flush();
    return bytes.toByteArray();
  }
}
