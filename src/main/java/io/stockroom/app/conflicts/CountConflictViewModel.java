package io.stockroom.app.conflicts;

import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.app.ui.Errors;
import io.stockroom.domain.ConflictService;
import io.stockroom.domain.CountConflict;
import io.stockroom.domain.CountResolution;
import io.stockroom.domain.MovementReason;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A cycle count that met moved stock: "You counted 37 in A-01-03. The laptop expected 42; the
 * server now has 40." Then the moves the count did not include (by whom, when), and apply my count
 * anyway, recount or discard, each with the adjustment it would record.
 */
public final class CountConflictViewModel {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ConflictService conflicts;
  private final TaskRunner runner;
  private final UUID conflictId;
  private final Consumer<CountResolution> onSettled;
  private final ZoneId zone;
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private final ReadOnlyStringWrapper moves = new ReadOnlyStringWrapper(this, "moves", "");
  private final ReadOnlyStringWrapper applyEffect = new ReadOnlyStringWrapper(this, "apply", "");
  private final ReadOnlyStringWrapper recountEffect =
      new ReadOnlyStringWrapper(this, "recount", "");
  private final ReadOnlyStringWrapper discardEffect =
      new ReadOnlyStringWrapper(this, "discard", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done", false);

  public CountConflictViewModel(
      ConflictService conflicts,
      TaskRunner runner,
      UUID conflictId,
      ZoneId zone,
      Consumer<CountResolution> onSettled) {
    this.conflicts = conflicts;
    this.zone = zone;
    this.runner = runner;
    this.conflictId = conflictId;
    this.onSettled = onSettled;
  }

  public void load() {
    runner.run(() -> conflicts.count(conflictId), this::show, e -> error.set(Errors.message(e)));
  }

  private void show(CountConflict c) {
    summary.set(
        "You counted "
            + q(c.counted())
            + " of "
            + c.item()
            + " in "
            + c.location()
            + ". The laptop expected "
            + q(c.expected())
            + "; the server now has "
            + q(c.serverNow())
            + ".");
    moves.set(moves(c));
    BigDecimal delta = c.applyAdjustment();
    applyEffect.set(
        delta.signum() == 0
            ? "Records no adjustment: the server already has " + q(c.serverNow()) + "."
            : "Records an adjustment of "
                + (delta.signum() > 0 ? "+" : "")
                + q(delta)
                + " ("
                + q(c.serverNow())
                + " -> "
                + q(c.counted())
                + ").");
    recountEffect.set(
        "Records nothing now; count " + c.location() + " again from the cycle count screen.");
    discardEffect.set("Records nothing; " + c.location() + " stays at " + q(c.serverNow()) + ".");
  }

  /** "Your count did not include: -5 picked (SO-2291) by someone else, 2026-11-24 10:02". */
  private String moves(CountConflict c) {
    List<String> lines = new ArrayList<>();
    if (!c.unseen().isEmpty()) {
      lines.add("Your count did not include:");
      for (CountConflict.Move m : c.unseen()) {
        lines.add(
            "  "
                + signed(m.change())
                + " "
                + what(m)
                + (m.reference() == null
                        || m.reference().isBlank()
                        || m.reason() == MovementReason.COUNT
                    ? ""
                    : " (" + m.reference() + ")")
                + " "
                + who(m.by())
                + ", "
                + WHEN.format(m.at().atZone(zone)));
      }
    }
    BigDecimal missing = c.notYetReceived();
    if (missing.signum() != 0) {
      lines.add(
          (c.unseen().isEmpty() ? "The moves" : "Other moves")
              + " behind the difference ("
              + signed(missing)
              + ") have not reached this laptop yet.");
    }
    return String.join("\n", lines);
  }

  private static String what(CountConflict.Move m) {
    boolean in = m.change().signum() > 0;
    return switch (m.reason()) {
      case RECEIVE -> "received";
      case PICK -> "picked";
      case TRANSFER -> in ? "moved in" : "moved out";
      case ADJUST -> "adjusted";
      case COUNT -> "after a count";
    };
  }

  private static String who(CountConflict.Mover by) {
    return switch (by) {
      case THIS_LAPTOP -> "by you on this laptop";
      case YOU_ELSEWHERE -> "by you on another laptop";
      case SOMEONE_ELSE -> "by someone else";
    };
  }

  private static String signed(BigDecimal v) {
    return (v.signum() > 0 ? "+" : "") + q(v);
  }

  private static String q(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  public void applyAnyway() {
    settle(CountResolution.APPLY_ANYWAY);
  }

  public void recount() {
    settle(CountResolution.RECOUNT);
  }

  public void discard() {
    settle(CountResolution.DISCARD);
  }

  private void settle(CountResolution r) {
    runner.run(
        () -> {
          conflicts.resolveCount(conflictId, r);
          return r;
        },
        ok -> {
          done.set(true);
          onSettled.accept(ok);
        },
        e -> error.set(Errors.message(e)));
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** The moves the count did not include, one a line, with who made them and when. */
  public ReadOnlyStringProperty movesProperty() {
    return moves.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty applyEffectProperty() {
    return applyEffect.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty recountEffectProperty() {
    return recountEffect.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty discardEffectProperty() {
    return discardEffect.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty doneProperty() {
    return done.getReadOnlyProperty();
  }
}
