package io.stockroom.bench;

import io.stockroom.domain.CatalogService;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemDraft;
import io.stockroom.store.LocalStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The local store's performance budget (DESIGN.md 9), measured: search by SKU, barcode and name
 * word, time to the first page of the item list, and database size per 1,000 items after a clean
 * close. Not a test: run it on the target machine and write the figures into
 * docs/benchmarks/local-store.md.
 *
 * <p>{@code java -cp target/stockroom.jar io.stockroom.bench.LocalBench [sizes...]}
 */
public final class LocalBench {

  private static final int WARMUP = 200;
  private static final int REPEAT = 400;
  private static final int PAGE = 100;

  private static final String[] ADJECTIVES = {
    "hex",
    "galvanized",
    "stainless",
    "heavy",
    "compact",
    "insulated",
    "threaded",
    "coated",
    "flexible",
    "reinforced",
    "precision",
    "industrial",
    "adjustable",
    "magnetic",
    "anodized",
    "plastic",
    "brass",
    "copper",
    "rubber",
    "nylon"
  };
  private static final String[] NOUNS = {
    "bolt",
    "washer",
    "nut",
    "bracket",
    "hinge",
    "cable",
    "hose",
    "valve",
    "fitting",
    "clamp",
    "gasket",
    "bearing",
    "pulley",
    "spring",
    "relay",
    "switch",
    "fuse",
    "sensor",
    "pallet",
    "crate",
    "strap",
    "glove",
    "tape",
    "filter",
    "coupling",
    "anchor",
    "rivet",
    "screw",
    "pipe",
    "panel"
  };
  private static final String[] SIZES = {"M4", "M6", "M8", "M10", "M12", "small", "large", "XL"};
  private static final String[] CATEGORIES = {
    "Fasteners", "Plumbing", "Electrical", "Safety", "Packaging", "Hydraulics", "Tools"
  };
  private static final String[] UNITS = {"ea", "box", "m", "kg", "pack"};

  private LocalBench() {}

  public static void main(String[] args) {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.INFO);
    int[] sizes =
        args.length == 0
            ? new int[] {10_000, 100_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    run(System.out, sizes);
  }

  public static void run(PrintStream out, int... sizes) {
    out.printf(
        Locale.ROOT,
        "LocalBench on %d cores, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (int size : sizes) {
      Path dir = null;
      try {
        dir = Files.createTempDirectory("stockroom-bench");
        runOne(out, dir, size);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        if (dir != null) {
          deleteTree(dir);
        }
      }
    }
  }

  private static void runOne(PrintStream out, Path dir, int size) {
    Random random = new Random(42);
    List<ItemDraft> drafts = drafts(size, random);
    long loadStart = System.nanoTime();
    try (LocalStore store = LocalStore.open(dir, Clock.systemUTC(), IdGenerator.seeded(size))) {
      store.bulkLoader().importItems(drafts, 1);
    }
    long loadMs = (System.nanoTime() - loadStart) / 1_000_000;

    long sizeBytes = folderSize(dir);
    long openStart = System.nanoTime();
    double[] skuMs;
    double[] barcodeMs;
    double[] wordMs;
    double firstPageMs;
    try (LocalStore store = LocalStore.open(dir, Clock.systemUTC(), IdGenerator.seeded(1))) {
      CatalogService catalog = store.catalog();
      int total = catalog.count("");
      List<?> page = catalog.search("", 0, PAGE);
      firstPageMs = (System.nanoTime() - openStart) / 1e6;
      if (total != size || page.size() != Math.min(PAGE, size)) {
        throw new IllegalStateException("unexpected list: " + total + " / " + page.size());
      }
      List<String> skuQueries = new ArrayList<>();
      List<String> barcodeQueries = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ItemDraft d = drafts.get(random.nextInt(size));
        skuQueries.add(d.sku().substring(0, 8).toLowerCase(Locale.ROOT)); // "sku-0001" ~100 hits
        barcodeQueries.add(d.barcode().substring(0, 9));
      }
      List<String> wordQueries = new ArrayList<>();
      for (String noun : NOUNS) {
        wordQueries.add(noun.substring(0, Math.min(5, noun.length())));
      }
      skuMs = median(catalog, skuQueries);
      barcodeMs = median(catalog, barcodeQueries);
      wordMs = median(catalog, wordQueries);
      out.printf(
          Locale.ROOT,
          "  sample hits: sku '%s' -> %d, barcode '%s' -> %d, word '%s' -> %d%n",
          skuQueries.get(0),
          catalog.count(skuQueries.get(0)),
          barcodeQueries.get(0),
          catalog.count(barcodeQueries.get(0)),
          wordQueries.get(0),
          catalog.count(wordQueries.get(0)));
    }
    long settled = folderSize(dir);
    out.printf(
        Locale.ROOT,
        "%,d items: load %d ms | search median (with count): sku prefix %.2f (%.2f) ms,"
            + " barcode prefix %.2f (%.2f) ms, name word %.2f (%.2f) ms | open+count+first %d"
            + " rows %.0f ms | size after close %.0f KB per 1,000 items (%.0f KB after the loading session)%n",
        size,
        loadMs,
        skuMs[0],
        skuMs[1],
        barcodeMs[0],
        barcodeMs[1],
        wordMs[0],
        wordMs[1],
        PAGE,
        firstPageMs,
        settled / 1024.0 / (size / 1000.0),
        sizeBytes / 1024.0 / (size / 1000.0));
  }

  /**
   * Median ms of one search (the first page of 100) and, second, of that search plus the count the
   * list shows beside it.
   */
  private static double[] median(CatalogService catalog, List<String> queries) {
    for (int i = 0; i < WARMUP; i++) {
      String q = queries.get(i % queries.size());
      catalog.search(q, 0, PAGE);
      catalog.count(q);
    }
    double[] search = new double[REPEAT];
    double[] withCount = new double[REPEAT];
    for (int i = 0; i < REPEAT; i++) {
      String q = queries.get(i % queries.size());
      long start = System.nanoTime();
      catalog.search(q, 0, PAGE);
      long searched = System.nanoTime();
      catalog.count(q);
      long counted = System.nanoTime();
      search[i] = (searched - start) / 1e6;
      withCount[i] = (counted - start) / 1e6;
    }
    Arrays.sort(search);
    Arrays.sort(withCount);
    return new double[] {search[REPEAT / 2], withCount[REPEAT / 2]};
  }

  static List<ItemDraft> drafts(int size, Random random) {
    List<ItemDraft> drafts = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String adjective = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
      String noun = NOUNS[random.nextInt(NOUNS.length)];
      int words = 2 + random.nextInt(3);
      StringBuilder name = new StringBuilder(capitalize(adjective)).append(' ').append(noun);
      if (words >= 3) {
        name.append(' ').append(SIZES[random.nextInt(SIZES.length)]);
      }
      if (words == 4) {
        name.append(' ').append(NOUNS[random.nextInt(NOUNS.length)]);
      }
      String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
      String description =
          capitalize(adjective)
              + " "
              + noun
              + " for "
              + category.toLowerCase(Locale.ROOT)
              + " work, "
              + (1 + random.nextInt(50)) * 10
              + " per pack";
      drafts.add(
          new ItemDraft(
              String.format(Locale.ROOT, "SKU-%06d", i),
              String.format(Locale.ROOT, "40%011d", (i * 7919L) % 100_000_000_000L),
              name.toString(),
              description,
              UNITS[random.nextInt(UNITS.length)],
              category,
              random.nextInt(4) * 5));
    }
    return drafts;
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static long folderSize(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(LocalBench::sizeOf).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
