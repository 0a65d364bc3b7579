package io.stockroom.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one rule for text fields, field by field. */
class TextFieldTest {

  @ParameterizedTest
  @EnumSource(TextField.class)
  void takesUpToItsLimitAndRefusesOneMore(TextField f) {
    String full = "x".repeat(f.max());
    assertThat(f.check(full)).isEqualTo(full);
    assertThatThrownBy(() -> f.check(full + "x"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("longer than " + f.max())
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo(f.wireName()));
  }

  @ParameterizedTest
  @EnumSource(TextField.class)
  void stripsAndReadsBlankAsAbsent(TextField f) {
    assertThat(f.check(null)).isNull();
    assertThat(f.check("   ")).isNull();
    assertThat(f.check("  A-01 ")).isEqualTo("A-01");
    // The limit applies to the stripped text; padding beyond it is not held against the value.
    String full = "y".repeat(f.max());
    assertThat(f.check("  " + full + "  ")).isEqualTo(full);
  }

  @ParameterizedTest
  @EnumSource(TextField.class)
  void refusesAHugeValueBeforeLookingAtIt(TextField f) {
    String huge = " ".repeat(4 * f.max() + 1);
    assertThatThrownBy(() -> f.check(huge)).hasMessageContaining("longer than");
  }

  @ParameterizedTest
  @EnumSource(TextField.class)
  void lineBreaksAndTabsOnlyInMultiLineFields(TextField f) {
    for (String s : new String[] {"a\nb", "a\r\nb", "a\tb"}) {
      if (f.multiLine()) {
        assertThat(f.check(s)).isEqualTo(s);
      } else {
        assertThatThrownBy(() -> f.check(s)).hasMessageContaining("control character");
      }
    }
    assertThatThrownBy(() -> f.check("a\u0000b")).hasMessageContaining("control character");
    assertThatThrownBy(() -> f.check("a\u007fb")).hasMessageContaining("control character");
  }

  @ParameterizedTest
  @EnumSource(TextField.class)
  void refusesBrokenText(TextField f) {
    assertThatThrownBy(() -> f.check("a\ud800b")).hasMessageContaining("unpaired surrogate");
    assertThatThrownBy(() -> f.check("a\udc00")).hasMessageContaining("unpaired surrogate");
    assertThatThrownBy(() -> f.check("caf\ufffd")).hasMessageContaining("U+FFFD");
    assertThat(f.check("bolt \ud83d\udd29")).isEqualTo("bolt \ud83d\udd29"); // a paired one is fine
  }

  @Test
  void requiredRefusesBlankWithTheCallersMessage() {
    assertThatThrownBy(() -> TextField.SKU.required("  ", "SKU is required."))
        .isInstanceOf(ValidationException.class)
        .hasMessage("SKU is required.")
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("sku"));
    assertThat(TextField.SKU.required(" B-1 ", "SKU is required.")).isEqualTo("B-1");
  }
}
