package io.stockroom.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which locations each kind of movement needs. */
class MovementRequestTest {

  static final UUID ITEM = UUID.randomUUID();

  static MovementRequest of(MovementReason r, String from, String to, String qty) {
    return new MovementRequest(ITEM, r, from, to, qty == null ? null : new BigDecimal(qty), null);
  }

  static String fieldOf(Runnable r) {
    try {
      r.run();
    } catch (ValidationException e) {
      return e.field();
    }
    return null;
  }

  @Test
  void eachReasonNamesItsLocations() {
    assertThat(of(MovementReason.RECEIVE, null, " A-01 ", "1").validate().toCode())
        .isEqualTo("A-01");
    assertThat(of(MovementReason.PICK, "A-01", null, "1").validate().fromCode()).isEqualTo("A-01");
    assertThat(of(MovementReason.TRANSFER, "A-01", "B-02", "1").validate()).isNotNull();
    assertThat(of(MovementReason.ADJUST, null, "A-01", "1").validate()).isNotNull();
    assertThat(of(MovementReason.ADJUST, "A-01", null, "1").validate()).isNotNull();
  }

  @Test
  void refusalsNameTheFieldToFix() {
    assertThat(fieldOf(() -> of(MovementReason.RECEIVE, null, " ", "1").validate()))
        .isEqualTo("to");
    assertThat(fieldOf(() -> of(MovementReason.PICK, null, "A-01", "1").validate()))
        .isEqualTo("from");
    assertThat(fieldOf(() -> of(MovementReason.TRANSFER, "A-01", null, "1").validate()))
        .isEqualTo("to");
    assertThat(fieldOf(() -> of(MovementReason.TRANSFER, "a-01", "A-01", "1").validate()))
        .isEqualTo("to");
    assertThat(fieldOf(() -> of(MovementReason.ADJUST, "A-01", "B-02", "1").validate()))
        .isEqualTo("to");
    assertThat(fieldOf(() -> of(MovementReason.ADJUST, null, null, "1").validate()))
        .isEqualTo("to");
    assertThat(fieldOf(() -> of(MovementReason.RECEIVE, null, "A-01", "0").validate()))
        .isEqualTo("quantity");
    assertThat(fieldOf(() -> of(MovementReason.RECEIVE, null, "A-01", null).validate()))
        .isEqualTo("quantity");
    assertThat(fieldOf(() -> of(null, null, "A-01", "1").validate())).isEqualTo("reason");
    assertThat(
            fieldOf(
                () ->
                    new MovementRequest(
                            null, MovementReason.RECEIVE, null, "A", BigDecimal.ONE, null)
                        .validate()))
        .isEqualTo("item");
  }

  @Test
  void codesAndReferenceFollowTheirTextRules() {
    String longCode = "x".repeat(TextField.LOCATION_CODE.max() + 1);
    assertThatThrownBy(() -> of(MovementReason.RECEIVE, null, longCode, "1").validate())
        .isInstanceOf(ValidationException.class);
    String longRef = "r".repeat(TextField.REFERENCE.max() + 1);
    assertThatThrownBy(
            () ->
                new MovementRequest(
                        ITEM, MovementReason.RECEIVE, null, "A-01", BigDecimal.ONE, longRef)
                    .validate())
        .hasMessageContaining("Reference");
  }
}
