package io.bkmonitorbeat.plugin.metricbeat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesStateTest {

  @Test
  void previousValuesAndIdleSeriesAreForgotten() {
    SeriesState state = new SeriesState();
    state.beginScrape();
    assertThat(state.update("a", 1, 10)).isNull();
    assertThat(state.update("gone", 1, 10)).isNull();
    state.endScrape();
    for (int i = 0; i < SeriesState.MAX_IDLE_SCRAPES; i++) {
      state.beginScrape();
      assertThat(state.update("a", 2 + i, 20 + i)).isNotNull();
      state.endScrape();
    }
    assertThat(state.size()).as("'gone' not seen for %d scrapes", SeriesState.MAX_IDLE_SCRAPES).isEqualTo(1);
    state.beginScrape();
    assertThat(state.update("a", 100, 100)).isEqualTo(new SeriesState.Previous(2 + SeriesState.MAX_IDLE_SCRAPES - 1, 20 + SeriesState.MAX_IDLE_SCRAPES - 1));
    assertThat(state.update("gone", 1, 100)).as("starts afresh").isNull();
  }
}
