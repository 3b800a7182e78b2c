package kz.labour.reporting.ledger;

import java.util.Objects;

/**
 * Who asked for what the ledger records: the way in ({@link Origin}) and a name, such as
 * {@code alice@host}, {@code jmx:operator} or {@code schedule:monthly-trigger@instance}.
 */
public record Requester(Origin origin, String name) {

    public Requester {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name + " (" + origin + ")";
    }
}
