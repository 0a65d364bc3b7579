package io.stockroom.app.textsize;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.InlineTaskRunner;
import io.stockroom.domain.SettingsService;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextSizeViewModelTest {

  private final SettingsService settings = SettingsService.inMemory();

  private TextSizeViewModel vm() {
    return new TextSizeViewModel(
        settings, new InlineTaskRunner(), TextSizeViewModel.stored(settings));
  }

  @Test
  void startsAtTheNormalSizeOnAFreshProfile() {
    TextSizeViewModel vm = vm();
    assertThat(vm.sizeProperty().get()).isEqualTo(14);
    assertThat(vm.percentProperty().get()).isEqualTo("100%");
    assertThat(vm.style()).isEqualTo("-fx-font-size: 14px;");
    assertThat(settings.get(TextSizeViewModel.SETTING)).isEmpty();
  }

  @Test
  void stepsUpAndDownAndSavesEachStep() {
    TextSizeViewModel vm = vm();
    vm.larger();
    vm.larger();
    assertThat(vm.sizeProperty().get()).isEqualTo(18);
    assertThat(vm.percentProperty().get()).isEqualTo("129%");
    assertThat(settings.get(TextSizeViewModel.SETTING)).contains("18");
    vm.smaller();
    assertThat(settings.get(TextSizeViewModel.SETTING)).contains("16");
    assertThat(vm().sizeProperty().get()).isEqualTo(16);
    vm.reset();
    assertThat(vm.sizeProperty().get()).isEqualTo(14);
    assertThat(settings.get(TextSizeViewModel.SETTING)).contains("14");
  }

  @Test
  void stopsAtBothEnds() {
    TextSizeViewModel vm = vm();
    for (int i = 0; i < 20; i++) {
      vm.larger();
    }
    assertThat(vm.sizeProperty().get()).isEqualTo(22);
    assertThat(vm.canGrowProperty().get()).isFalse();
    assertThat(vm.canShrinkProperty().get()).isTrue();
    for (int i = 0; i < 20; i++) {
      vm.smaller();
    }
    assertThat(vm.sizeProperty().get()).isEqualTo(11);
    assertThat(vm.canShrinkProperty().get()).isFalse();
  }

  @Test
  void aStoredSizeOffTheStepsOrNotANumberIsReadSafely() {
    settings.put(TextSizeViewModel.SETTING, "17");
    assertThat(TextSizeViewModel.stored(settings)).isEqualTo(16);
    settings.put(TextSizeViewModel.SETTING, "400");
    assertThat(TextSizeViewModel.stored(settings)).isEqualTo(22);
    settings.put(TextSizeViewModel.SETTING, "big");
    assertThat(TextSizeViewModel.stored(settings)).isEqualTo(14);
  }

  @Test
  void aFailedSaveKeepsTheSizeForThisSession() {
    SettingsService broken =
        new SettingsService() {
          @Override
          public Optional<String> get(String name) {
            return Optional.empty();
          }

          @Override
          public void put(String name, String value) {
            throw new IllegalStateException("disk full");
          }
        };
    TextSizeViewModel vm = new TextSizeViewModel(broken, new InlineTaskRunner(), 14);
    vm.larger();
    assertThat(vm.sizeProperty().get()).isEqualTo(16);
  }
}
