package kz.labour.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @Test
    void codesAreTheDocumentedOnes() {
        assertThat(Stream.of(ExitCode.values()).map(ExitCode::code)).containsExactly(0, 2, 3, 4, 1);
    }

    @Test
    void theWorstOutcomeDecidesBadInputThenRejectedThenDeliveryFailedThenError() {
        assertThat(ExitCode.OK.worse(ExitCode.BAD_INPUT)).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ExitCode.REJECTED.worse(ExitCode.BAD_INPUT)).isEqualTo(ExitCode.REJECTED);
        assertThat(ExitCode.REJECTED.worse(ExitCode.DELIVERY_FAILED)).isEqualTo(ExitCode.DELIVERY_FAILED);
        assertThat(ExitCode.ERROR.worse(ExitCode.DELIVERY_FAILED)).isEqualTo(ExitCode.ERROR);
        assertThat(ExitCode.OK.worse(ExitCode.OK)).isEqualTo(ExitCode.OK);
    }

    @Test
    void describesItselfAsTheOperationsPrintIt() {
        assertThat(ExitCode.DELIVERY_FAILED.describe())
                .isEqualTo("exit code 4 (delivery failed after retries, recorded as FAILED, files kept in the outbox)");
    }
}
