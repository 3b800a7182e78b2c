package kz.labour.reporting.support;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts Camel's redelivery attempts and runs a hook just before the next one, so a test can bring a
 * server back (or look at the remote directory) between a failed attempt and its retry, without sleeping.
 */
public class RedeliveryWatch extends EventNotifierSupport {

    private final AtomicInteger redeliveries = new AtomicInteger();
    private final AtomicReference<Runnable> beforeNext = new AtomicReference<>();

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeRedeliveryEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        redeliveries.incrementAndGet();
        Runnable hook = beforeNext.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
    }

    /** Runs {@code hook} once, right before the next redelivery attempt. */
    public void beforeNextRetry(Runnable hook) {
        beforeNext.set(hook);
    }

    public int count() {
        return redeliveries.get();
    }

    public void reset() {
        redeliveries.set(0);
        beforeNext.set(null);
    }

    /** Registers the watch with the application's Camel context. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        public RedeliveryWatch redeliveryWatch() {
            return new RedeliveryWatch();
        }
    }
}
