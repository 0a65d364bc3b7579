package io.stockroom.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What makes an item: its rules and its field-by-field difference. */
class ItemDraftTest {

  @Test
  void normalizedStripsBlanksAndDefaultsTheUnit() {
    ItemDraft d = new ItemDraft(" B-1 ", " ", " Bolt ", "", null, "  ", 4).normalized();
    assertThat(d).isEqualTo(new ItemDraft("B-1", null, "Bolt", null, "ea", null, 4));
  }

  @Test
  void skuAndNameAreRequired() {
    assertThatThrownBy(() -> new ItemDraft(null, null, "Bolt", null, "ea", null, 0).validate())
        .hasMessage("SKU is required.");
    assertThatThrownBy(() -> new ItemDraft("B-1", null, null, null, "ea", null, 0).validate())
        .hasMessage("Name is required.");
  }

  @Test
  void everyFieldHasItsTextRule() {
    String longer = "x".repeat(TextField.CATEGORY.max() + 1);
    assertThatThrownBy(() -> new ItemDraft("B-1", null, "Bolt", null, "ea", longer, 0).validate())
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("category"));
    assertThatThrownBy(() -> new ItemDraft("B-1", "a\tb", "Bolt", null, "ea", null, 0).validate())
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("barcode"));
  }

  @Test
  void reorderPointCannotBeNegative() {
    assertThatThrownBy(() -> new ItemDraft("B-1", null, "Bolt", null, "ea", null, -1).validate())
        .hasMessageContaining("negative");
    assertThat(new ItemDraft("B-1", null, "Bolt", null, "ea", null, 0).validate()).isNotNull();
  }

  @Test
  void changedFromNamesExactlyTheFieldsThatDiffer() {
    ItemDraft a = new ItemDraft("B-1", null, "Bolt", null, "ea", "fasteners", 4);
    ItemDraft b = new ItemDraft("B-1", "400", "Bolt M8", null, "ea", "fasteners", 4);
    assertThat(b.changedFrom(a))
        .containsOnlyKeys(ItemField.BARCODE, ItemField.NAME)
        .containsEntry(ItemField.NAME, "Bolt M8");
    assertThat(a.changedFrom(a)).isEmpty();
  }
}
