package io.stockroom.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule for stock quantities. */
class QuantitiesTest {

  @Test
  void readsWhatPeopleType() {
    assertThat(Quantities.parsePositive("q", " 12 ")).isEqualByComparingTo("12");
    assertThat(Quantities.parsePositive("q", "0.125")).isEqualByComparingTo("0.125");
    assertThat(Quantities.parsePositive("q", "1.500000")).isEqualByComparingTo("1.5");
    assertThat(Quantities.parseNonNegative("q", "0")).isEqualByComparingTo("0");
    assertThat(Quantities.parse("q", "-3")).isEqualByComparingTo("-3");
    assertThat(Quantities.parse("q", "2e3")).isEqualByComparingTo("2000");
  }

  @Test
  void theCanonicalFormHasScaleThree() {
    assertThat(Quantities.parse("q", "7").scale()).isEqualTo(3);
    assertThat(Quantities.check("q", BigDecimal.ZERO.setScale(9)).toPlainString())
        .isEqualTo("0.000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "abc", "1,5", "0x10", "NaN", "Infinity", "1..2"})
  void refusesWhatIsNoNumber(String text) {
    assertThatThrownBy(() -> Quantities.parse("qty", text))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("qty"));
  }

  @Test
  void refusesMoreThanThreeDecimalsUnlessTheyAreZeros() {
    assertThatThrownBy(() -> Quantities.parse("q", "0.0001")).hasMessageContaining("decimals");
    assertThat(Quantities.parse("q", "0.1000")).isEqualByComparingTo("0.1");
  }

  @Test
  void refusesTooLargeWithoutExpandingIt() {
    assertThat(Quantities.parse("q", "999999999999")).isEqualByComparingTo("999999999999");
    assertThatThrownBy(() -> Quantities.parse("q", "1000000000000"))
        .hasMessageContaining("too large");
    // Would be a number with two billion digits if it were expanded.
    assertThatThrownBy(() -> Quantities.parse("q", "1e2100000000"))
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> Quantities.parse("q", "1e-2100000000"))
        .hasMessageContaining("decimals");
    assertThatThrownBy(() -> Quantities.parse("q", "1".repeat(Quantities.MAX_TEXT + 1)))
        .hasMessageContaining("longer than");
  }

  @Test
  void signRules() {
    assertThatThrownBy(() -> Quantities.parsePositive("q", "0")).hasMessageContaining("zero");
    assertThatThrownBy(() -> Quantities.parsePositive("q", "-1")).hasMessageContaining("zero");
    assertThatThrownBy(() -> Quantities.parseNonNegative("q", "-0.001"))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Quantities.check("q", null)).hasMessageContaining("required");
  }

  @Test
  void formatsWithoutTrailingZerosOrExponent() {
    assertThat(Quantities.format(new BigDecimal("1500.000"))).isEqualTo("1500");
    assertThat(Quantities.format(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(Quantities.format(new BigDecimal("0.250"))).isEqualTo("0.25");
    assertThat(Quantities.format(null)).isEmpty();
  }

  /** Property: any valid quantity shown to a user reads back as itself, and checking is stable. */
  @Test
  void whatIsShownReadsBackAsItself() {
    for (long seed = 0; seed < 2_000; seed++) {
      Random r = new Random(seed);
      long unscaled = r.nextLong() % 1_000_000_000_000_000L; // up to 12 digits and 3 decimals
      BigDecimal q = BigDecimal.valueOf(unscaled, 3);
      BigDecimal checked = Quantities.check("q", q);
      assertThat(Quantities.parse("q", Quantities.format(checked)))
          .as("seed %d: %s", seed, q)
          .isEqualTo(checked);
      assertThat(Quantities.check("q", checked)).as("seed %d", seed).isEqualTo(checked);
    }
  }
}
