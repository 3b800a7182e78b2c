package kz.labour.reporting.demo;

/**
 * The README's first command, {@code mvn -q -Pdemo spring-boot:test-run}: the monthly job on embedded
 * servers ({@link DemoRunner}), from the source tree only. The demo, its data generator and its
 * servers live with the tests, so the production jar carries none of them. (On the test classpath,
 * spring-boot-test leaves the tests' own configurations out of the application's component scan.)
 */
public final class DemoApplication {

    private DemoApplication() {
    }

    public static void main(String[] args) {
        System.exit(DemoRunner.run(System.out, System.err));
    }
}
