package kz.labour.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

class CausesTest {

    final ConnectException refused = new ConnectException("Connection refused");
    final IllegalStateException wrapped = new IllegalStateException("could not lock 2-OZh 2025-06:\nsecond line",
            new IOException("pool exhausted", refused));

    @Test
    void walksFromTheOutermostToTheInnermostCause() {
        assertThat(Causes.chain(wrapped)).hasSize(3).first().isSameAs(wrapped);
        assertThat(Causes.root(wrapped)).isSameAs(refused);
        assertThat(Causes.root(refused)).isSameAs(refused);
    }

    @Test
    void findsTheOutermostCauseOfAType() {
        assertThat(Causes.find(wrapped, IOException.class)).containsSame((IOException) wrapped.getCause());
        assertThat(Causes.find(wrapped, BadInputException.class)).isEmpty();
    }

    @Test
    void summarisesWhatFailedAndWhyOnOneLine() {
        assertThat(Causes.summary(wrapped)).isEqualTo("could not lock 2-OZh 2025-06: (Connection refused)");
        assertThat(Causes.summary(refused)).isEqualTo("Connection refused");
        assertThat(Causes.summary(new IllegalStateException("x failed: Connection refused", refused)))
                .isEqualTo("x failed: Connection refused");
    }

    @Test
    void stopsAtACauseThatLoopsBack() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertThat(Causes.chain(a)).containsExactly(a, b);
    }
}
