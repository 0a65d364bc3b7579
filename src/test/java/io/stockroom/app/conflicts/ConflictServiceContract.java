package io.stockroom.app.conflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.ConflictService;
import io.stockroom.domain.ItemConflict;
import io.stockroom.domain.ItemField;
import io.stockroom.domain.SyncConflict;
import io.stockroom.domain.ValidationException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the conflicts screen relies on from the inbox, held to the real inbox on H2 ({@link
 * LocalConflictsContractTest}) and to the {@link FakeConflicts} its view-model tests use ({@link
 * FakeConflictsContractTest}).
 */
abstract class ConflictServiceContract {

  /** An empty inbox. */
  protected abstract ConflictService open() throws Exception;

  /** Adds an open conflict on an item's name: this laptop and the server renamed it. */
  protected abstract UUID openItemConflict();

  protected void close() throws Exception {}

  protected ConflictService inbox;

  @BeforeEach
  void openInbox() throws Exception {
    inbox = open();
  }

  @AfterEach
  void closeInbox() throws Exception {
    close();
  }

  SyncConflict entry(UUID id) {
    return inbox.list(true).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void anOpenConflictIsListedUntilSettledAndThenAmongTheSettled() {
    UUID id = openItemConflict();
    assertThat(inbox.list(false)).extracting(SyncConflict::id).containsExactly(id);
    assertThat(inbox.openCount()).isEqualTo(1);
    assertThat(entry(id).open()).isTrue();

    inbox.dismiss(id);
    assertThat(inbox.list(false)).isEmpty();
    assertThat(inbox.openCount()).isZero();
    assertThat(entry(id).open()).isFalse();
    assertThat(entry(id).resolution()).isEqualTo("kept_server");
  }

  @Test
  void theItemDialogSeesTheConflictingField() {
    UUID id = openItemConflict();
    ItemConflict c = inbox.item(id);
    assertThat(c.conflictId()).isEqualTo(id);
    assertThat(c.fields())
        .filteredOn(ItemConflict.Field::conflicting)
        .extracting(ItemConflict.Field::field)
        .containsExactly(ItemField.NAME);
  }

  @Test
  void aChoiceCanBeTakenBackUntilSentAndTheConflictIsOpenAgain() {
    UUID id = openItemConflict();
    assertThat(inbox.canUndo(id)).isFalse();
    inbox.resolveItem(id, Map.of(ItemField.NAME, "Widget B"));
    assertThat(entry(id).open()).isFalse();
    assertThat(entry(id).resolution()).isEqualTo("merged");
    assertThat(inbox.canUndo(id)).isTrue();

    inbox.undo(id);
    assertThat(inbox.list(false)).extracting(SyncConflict::id).containsExactly(id);
    assertThat(inbox.canUndo(id)).isFalse();
    assertThatThrownBy(() -> inbox.undo(id)).isInstanceOf(ValidationException.class);
  }

  @Test
  void aSettledConflictCannotBeSettledAgain() {
    UUID id = openItemConflict();
    inbox.dismiss(id);
    assertThatThrownBy(() -> inbox.resolveItem(id, Map.of(ItemField.NAME, "Widget B")))
        .isInstanceOf(ValidationException.class);
    inbox.dismiss(id); // nothing happens
    assertThat(entry(id).resolution()).isEqualTo("kept_server");
  }
}
