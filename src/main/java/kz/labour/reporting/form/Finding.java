package kz.labour.reporting.form;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one rule that did not pass: which rule, how serious, where, and the facts behind it
 * as data, so the ledger, the e-mail, the alert and the validation report read fields, never the
 * wording of {@code message}.
 *
 * @param where    for people: a cell such as "row 350000000 Қарағанды облысы, column 3", or the
 *                 source relation and row ids
 * @param kato     the form row's region code ({@code 000000000} for the total), or null
 * @param column   the form column, or null when the rule is about a whole row or the source
 * @param values   the values the rule looked at, by name ("c2", "c3", "median", …), in order
 * @param relation the source relation whose rows are named, or null
 * @param ids      the source row ids involved (possibly the first of many; {@code values} may hold
 *                 the full count as "rows")
 * @param model    the statistical model the values come from (a plausibility finding's, such as
 *                 "poisson"), or null for a rule that has none
 */
public record Finding(String rule, Severity severity, String where, String message, String kato, Integer column,
                      Map<String, BigDecimal> values, String relation, List<Long> ids, String model) {

    public Finding {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    /** A finding of a rule without a statistical model. */
    public Finding(String rule, Severity severity, String where, String message, String kato, Integer column,
                   Map<String, BigDecimal> values, String relation, List<Long> ids) {
        this(rule, severity, where, message, kato, column, values, relation, ids, null);
    }

    /** A finding with no structured detail beyond where it is. */
    public Finding(String rule, Severity severity, String where, String message) {
        this(rule, severity, where, message, null, null, null, null, null);
    }

    /** A finding about a cell (column set) or a whole row (column null) of the form. */
    public static Finding ofCell(String rule, Severity severity, String where, String message, String kato,
                                 Integer column, Map<String, BigDecimal> values) {
        return new Finding(rule, severity, where, message, kato, column, values, null, null);
    }

    /** A finding about a cell judged by a statistical model, named by {@code model}. */
    public static Finding ofCell(String rule, Severity severity, String where, String message, String kato,
                                 Integer column, Map<String, BigDecimal> values, String model) {
        return new Finding(rule, severity, where, message, kato, column, values, null, null, model);
    }

    /** A finding about rows of a source relation. */
    public static Finding ofSource(String rule, Severity severity, String where, String message, String relation,
                                   List<Long> ids, Map<String, BigDecimal> values) {
        return new Finding(rule, severity, where, message, null, null, values, relation, ids);
    }

    public boolean blocking() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + rule + " at " + where + ": " + message;
    }
}
