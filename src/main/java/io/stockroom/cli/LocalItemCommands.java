package io.stockroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.CatalogService;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code local add-item}, {@code update-item} and {@code list-items}. */
final class LocalItemCommands {

  private LocalItemCommands() {}

  /** Finds a live item by its exact SKU (case-insensitive), or fails with a one-line error. */
  static Item requireItem(CatalogService catalog, String sku) {
    String wanted = sku == null ? "" : sku.strip();
    if (wanted.isEmpty()) {
      throw new UserError("--sku must not be empty");
    }
    return catalog.findBySku(wanted).orElseThrow(() -> new UserError("unknown SKU " + wanted));
  }

  static ObjectNode toJson(Item item) {
    ObjectNode node = Json.object();
    node.put("id", item.id().toString());
    node.put("sku", item.sku());
    node.put("barcode", item.barcode());
    node.put("name", item.name());
    node.put("description", item.description());
    node.put("unit", item.unit());
    node.put("category", item.category());
    node.put("reorder_point", item.reorderPoint());
    node.put("version", item.version());
    node.put("sync_status", item.syncStatus().dbValue());
    return node;
  }

  @Command(
      name = "add-item",
      mixinStandardHelpOptions = true,
      description = "Adds an item to the catalog.")
  static final class AddItem implements Callable<Integer> {
    @ParentCommand LocalCommand local;
    @Spec CommandSpec spec;

    @Option(names = "--sku", required = true, description = "Stock keeping unit, unique.")
    String sku;

    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--barcode", description = "Barcode, unique when given.")
    String barcode;

    @Option(names = "--description")
    String description;

    @Option(names = "--unit", description = "Unit of measure (default: ea).")
    String unit;

    @Option(names = "--category")
    String category;

    @Option(names = "--reorder-point", paramLabel = "N", defaultValue = "0")
    int reorderPoint;

    @Override
    public Integer call() {
      Item item =
          local.withStore(
              store ->
                  store
                      .catalog()
                      .create(
                          new ItemDraft(
                              sku, barcode, name, description, unit, category, reorderPoint)));
      spec.commandLine().getOut().println("added item " + item.sku() + " (" + item.id() + ")");
      return 0;
    }
  }

  @Command(
      name = "update-item",
      mixinStandardHelpOptions = true,
      description = "Changes fields of an item; only the given fields change.")
  static final class UpdateItem implements Callable<Integer> {
    @ParentCommand LocalCommand local;
    @Spec CommandSpec spec;

    @Option(names = "--sku", required = true, description = "SKU of the item to change.")
    String sku;

    @Option(names = "--new-sku", description = "A new SKU for the item.")
    String newSku;

    @Option(names = "--name")
    String name;

    @Option(names = "--barcode", description = "New barcode; an empty value clears it.")
    String barcode;

    @Option(names = "--description")
    String description;

    @Option(names = "--unit")
    String unit;

    @Option(names = "--category")
    String category;

    @Option(names = "--reorder-point", paramLabel = "N")
    Integer reorderPoint;

    @Override
    public Integer call() {
      if (newSku == null
          && name == null
          && barcode == null
          && description == null
          && unit == null
          && category == null
          && reorderPoint == null) {
        throw new UserError("nothing to update: give at least one field, e.g. --name");
      }
      Item updated =
          local.withStore(
              store -> {
                CatalogService catalog = store.catalog();
                Item item = requireItem(catalog, sku);
                ItemDraft current = item.toDraft();
                ItemDraft draft =
                    new ItemDraft(
                        newSku != null ? newSku : current.sku(),
                        barcode != null ? barcode : current.barcode(),
                        name != null ? name : current.name(),
                        description != null ? description : current.description(),
                        unit != null ? unit : current.unit(),
                        category != null ? category : current.category(),
                        reorderPoint != null ? reorderPoint : current.reorderPoint());
                return catalog.update(item.id(), draft);
              });
      spec.commandLine().getOut().println("updated item " + updated.sku());
      return 0;
    }
  }

  @Command(
      name = "list-items",
      mixinStandardHelpOptions = true,
      description = "Lists items, by SKU.")
  static final class ListItems implements Callable<Integer> {
    @ParentCommand LocalCommand local;
    @Spec CommandSpec spec;

    @Option(
        names = "--query",
        description = "Only items whose SKU, barcode or a name word starts with this.")
    String query;

    @Option(
        names = "--limit",
        defaultValue = "10000",
        description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON array of items.")
    boolean json;

    @Override
    public Integer call() {
      if (limit < 0) {
        throw new UserError("--limit must not be negative");
      }
      List<Item> items = local.withStore(store -> store.catalog().search(query, 0, limit));
      var out = spec.commandLine().getOut();
      if (json) {
        ArrayNode array = Json.array();
        items.forEach(item -> array.add(toJson(item)));
        out.println(Json.write(array));
      } else if (items.isEmpty()) {
        out.println("no items");
      } else {
        out.printf("%-20s %-15s %-40s %s%n", "SKU", "BARCODE", "NAME", "SYNC");
        for (Item item : items) {
          out.printf(
              "%-20s %-15s %-40s %s%n",
              item.sku(),
              item.barcode() == null ? "" : item.barcode(),
              item.name(),
              item.syncStatus().dbValue());
        }
      }
      return 0;
    }
  }
}
