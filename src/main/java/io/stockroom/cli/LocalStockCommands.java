package io.stockroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.Item;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.OnHand;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.StockCount;
import io.stockroom.domain.StockMovement;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code local move}, {@code count} and {@code stock}. */
final class LocalStockCommands {

  private LocalStockCommands() {}

  @Command(
      name = "move",
      mixinStandardHelpOptions = true,
      description = {
        "Records a stock movement: receive (--to), pick (--from), transfer (--from and --to)",
        "or adjust (--to: found more, --from: lost). Without --reason it follows from the locations."
      })
  static final class Move implements Callable<Integer> {
    @ParentCommand LocalCommand local;
    @Spec CommandSpec spec;

    @Option(names = "--sku", required = true)
    String sku;

    @Option(names = "--from", paramLabel = "LOC")
    String from;

    @Option(names = "--to", paramLabel = "LOC")
    String to;

    @Option(
        names = "--qty",
        required = true,
        paramLabel = "Q",
        description = "Quantity, greater than zero.")
    String qty;

    @Option(
        names = "--reason",
        paramLabel = "R",
        description = "receive, pick, transfer or adjust.")
    String reason;

    @Option(names = "--reference", description = "Delivery note, order number, ...")
    String reference;

    @Override
    public Integer call() {
      MovementReason movementReason = reason();
      BigDecimal quantity = parse(() -> Quantities.parsePositive("qty", qty));
      StockMovement movement =
          local.withStore(
              store -> {
                Item item = LocalItemCommands.requireItem(store.catalog(), sku);
                return store
                    .stock()
                    .record(
                        new MovementRequest(
                            item.id(), movementReason, from, to, quantity, reference));
              });
      spec.commandLine()
          .getOut()
          .printf(
              "recorded %s of %s %s%s%s%n",
              movement.reason().wireName(),
              Quantities.format(movement.quantity()),
              movement.sku(),
              movement.fromCode() == null ? "" : " from " + movement.fromCode(),
              movement.toCode() == null ? "" : " to " + movement.toCode());
      return 0;
    }

    private MovementReason reason() {
      if (reason != null) {
        return MovementReason.fromWireName(reason.strip().toLowerCase(java.util.Locale.ROOT))
            .filter(r -> r != MovementReason.COUNT)
            .orElseThrow(
                () ->
                    new UserError(
                        "--reason must be receive, pick, transfer or adjust, not " + reason));
      }
      boolean hasFrom = from != null && !from.isBlank();
      boolean hasTo = to != null && !to.isBlank();
      if (hasFrom && hasTo) {
        return MovementReason.TRANSFER;
      }
      if (hasTo) {
        return MovementReason.RECEIVE;
      }
      if (hasFrom) {
        return MovementReason.PICK;
      }
      throw new UserError("give --from, --to or both");
    }
  }

  @Command(
      name = "count",
      mixinStandardHelpOptions = true,
      description = "Records a cycle count of one item in one bin.")
  static final class Count implements Callable<Integer> {
    @ParentCommand LocalCommand local;
    @Spec CommandSpec spec;

    @Option(names = "--sku", required = true)
    String sku;

    @Option(names = "--location", required = true, paramLabel = "LOC")
    String location;

    @Option(names = "--counted", required = true, paramLabel = "Q")
    String counted;

    @Override
    public Integer call() {
      BigDecimal quantity = parse(() -> Quantities.parseNonNegative("counted", counted));
      StockCount count =
          local.withStore(
              store -> {
                Item item = LocalItemCommands.requireItem(store.catalog(), sku);
                return store.stock().count(item.id(), location, quantity);
              });
      spec.commandLine()
          .getOut()
          .printf(
              "counted %s of %s in %s (expected %s)%n",
              Quantities.format(count.countedQuantity()),
              sku.strip(),
              location.strip(),
              Quantities.format(count.expectedQuantity()));
      return 0;
    }
  }

  @Command(
      name = "stock",
      mixinStandardHelpOptions = true,
      description = "On-hand of an item per location.")
  static final class Stock implements Callable<Integer> {
    @ParentCommand LocalCommand local;
    @Spec CommandSpec spec;

    @Option(names = "--sku", required = true)
    String sku;

    @Option(names = "--json", description = "One JSON object.")
    boolean json;

    @Override
    public Integer call() {
      record Result(Item item, List<OnHand> lines) {}
      Result result =
          local.withStore(
              store -> {
                Item item = LocalItemCommands.requireItem(store.catalog(), sku);
                return new Result(item, store.stock().onHand(item.id()));
              });
      BigDecimal total =
          result.lines().stream().map(OnHand::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
      var out = spec.commandLine().getOut();
      if (json) {
        ObjectNode node = Json.object();
        node.put("sku", result.item().sku());
        node.put("name", result.item().name());
        node.put("unit", result.item().unit());
        node.put("total", total);
        ArrayNode locations = node.putArray("locations");
        for (OnHand line : result.lines()) {
          locations
              .addObject()
              .put("location", line.locationCode())
              .put("quantity", line.quantity())
              .put("negative", line.negative());
        }
        out.println(Json.write(node));
      } else {
        out.printf("%s  %s%n", result.item().sku(), result.item().name());
        for (OnHand line : result.lines()) {
          out.printf(
              "  %-16s %12s%s%n",
              line.locationCode(),
              Quantities.format(line.quantity()),
              line.negative() ? "  NEGATIVE" : "");
        }
        out.printf("  %-16s %12s %s%n", "total", Quantities.format(total), result.item().unit());
      }
      return 0;
    }
  }

  private static BigDecimal parse(java.util.function.Supplier<BigDecimal> parser) {
    try {
      return parser.get();
    } catch (io.stockroom.domain.ValidationException e) {
      throw new UserError(e.getMessage());
    }
  }
}
