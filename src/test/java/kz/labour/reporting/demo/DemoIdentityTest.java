package kz.labour.reporting.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class DemoIdentityTest {

    @Test
    void theDemoSendsUnderAnIdentityADeliveringRunAccepts() {
        assertEquals(List.of(), DemoRunner.IDENTITY.problems());
    }
}
