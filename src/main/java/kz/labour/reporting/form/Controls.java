package kz.labour.reporting.form;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arithmetic controls the statistics bureau runs on what it receives (docs/forms.md, "Controls before
 * sending"), run here first. Pure: a table in, findings out.
 */
public final class Controls {

    /** A control applied to every row of one form (the total row included). */
    record RowRule(FormId form, String id, Severity severity, String text, Predicate<FormRow> holds) {
    }

    private static final Pattern COLUMN = Pattern.compile("c(\\d+)");

    static final List<RowRule> ROW_RULES = List.of(
            new RowRule(FormId.MEIZHM, "c3+c4<=c2", Severity.ERROR,
                    "preventive control plus unscheduled inspections exceed all inspections",
                    r -> v(r, 3).add(v(r, 4)).compareTo(v(r, 2)) <= 0),
            new RowRule(FormId.MEIZHM, "c8=0<=>c9=0", Severity.ERROR,
                    "the number of fines and their amount must be zero together",
                    r -> (v(r, 8).signum() == 0) == (v(r, 9).signum() == 0)),
            new RowRule(FormId.MEIZHM, "c16<=c15", Severity.WARN,
                    "more criminal cases opened than materials referred to law enforcement",
                    r -> v(r, 16).compareTo(v(r, 15)) <= 0),
            new RowRule(FormId.OZH, "c3<=c2", Severity.ERROR,
                    "more group accidents than accidents",
                    r -> v(r, 3).compareTo(v(r, 2)) <= 0),
            new RowRule(FormId.OZH, "c5<=c4", Severity.ERROR,
                    "more victims of group accidents than victims",
                    r -> v(r, 5).compareTo(v(r, 4)) <= 0),
            new RowRule(FormId.OZH, "c6+c7+c8=c4", Severity.ERROR,
                    "light/moderate, severe and fatal victims do not add up to all victims",
                    r -> v(r, 6).add(v(r, 7)).add(v(r, 8)).compareTo(v(r, 4)) == 0),
            new RowRule(FormId.OZH, "c5>=2*c3", Severity.ERROR,
                    "a group accident has at least two victims",
                    r -> v(r, 5).compareTo(v(r, 3).multiply(BigDecimal.valueOf(2))) >= 0),
            new RowRule(FormId.OZH, "c4-c5=c2-c3", Severity.ERROR,
                    "a non-group accident has exactly one victim",
                    r -> v(r, 4).subtract(v(r, 5)).compareTo(v(r, 2).subtract(v(r, 3))) == 0));

    private Controls() {
    }

    public static List<Finding> check(FormTable table) {
        List<Finding> findings = new ArrayList<>();
        List<ColumnDef> columns = table.definition().numericColumns();
        for (FormRow row : table.rows()) {
            for (ColumnDef c : columns) {
                BigDecimal value = row.values().get(c.number());
                if (value == null) {
                    findings.add(Finding.ofCell("cell-present", Severity.ERROR, cell(row, c.number()), "the cell is empty",
                            row.kato(), c.number(), null));
                } else if (value.signum() < 0) {
                    findings.add(Finding.ofCell("non-negative", Severity.ERROR, cell(row, c.number()),
                            "value " + value.toPlainString() + " is negative", row.kato(), c.number(),
                            Map.of("c" + c.number(), value)));
                }
            }
        }
        if (!findings.isEmpty()) {
            return findings; // the remaining rules would only restate missing cells
        }
        FormRow total = table.total();
        for (ColumnDef c : columns) {
            BigDecimal sum = table.regionRows().stream().map(r -> r.value(c.number())).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(total.value(c.number())) != 0) {
                Map<String, BigDecimal> values = new LinkedHashMap<>();
                values.put("total", total.value(c.number()));
                values.put("sum", sum);
                findings.add(Finding.ofCell("total=sum(regions)", Severity.ERROR, cell(total, c.number()),
                        "total " + total.value(c.number()).toPlainString() + " differs from the sum of the "
                                + table.regionRows().size() + " region rows " + sum.toPlainString(),
                        total.kato(), c.number(), values));
            }
        }
        for (RowRule rule : ROW_RULES) {
            if (rule.form() != table.form()) {
                continue;
            }
            for (FormRow row : table.rows()) {
                if (!rule.holds().test(row)) {
                    Map<String, BigDecimal> values = named(row, rule.id());
                    findings.add(Finding.ofCell(rule.id(), rule.severity(), "row " + row.label(),
                            rule.text() + " (" + describe(values) + ")", row.kato(), null, values));
                }
            }
        }
        return findings;
    }

    /** A control as the validation report lists it: its id (the findings' {@code rule}), severity and wording. */
    public record Rule(String id, Severity severity, String text) {
    }

    private static final List<Rule> CELL_RULES = List.of(
            new Rule("cell-present", Severity.ERROR, "every numeric cell has a value"),
            new Rule("non-negative", Severity.ERROR, "every numeric cell is at least 0"));
    private static final Rule TOTAL_RULE = new Rule("total=sum(regions)", Severity.ERROR,
            "the total row equals the sum of the region rows, per column");

    /**
     * The controls {@link #check} applied to a table of {@code form} that gave {@code findings}, in the
     * order it applies them: only the cell rules when a cell was empty or negative (check stops there).
     */
    public static List<Rule> rulesRun(FormId form, List<Finding> findings) {
        List<Rule> rules = new ArrayList<>(CELL_RULES);
        boolean stopped = findings.stream().anyMatch(f -> CELL_RULES.stream().anyMatch(r -> r.id().equals(f.rule())));
        if (!stopped) {
            rules.add(TOTAL_RULE);
            ROW_RULES.stream().filter(r -> r.form() == form).forEach(r -> rules.add(new Rule(r.id(), r.severity(), r.text())));
        }
        return List.copyOf(rules);
    }

    public static boolean blocks(List<Finding> findings) {
        return findings.stream().anyMatch(Finding::blocking);
    }

    static String cell(FormRow row, int column) {
        return "row " + row.label() + ", column " + column;
    }

    /** The values of the columns a rule names, in column order: c2, c3, c4. */
    private static Map<String, BigDecimal> named(FormRow row, String ruleId) {
        Set<Integer> columns = new TreeSet<>();
        Matcher m = COLUMN.matcher(ruleId);
        while (m.find()) {
            columns.add(Integer.parseInt(m.group(1)));
        }
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (int c : columns) {
            values.put("c" + c, row.value(c));
        }
        return values;
    }

    /** "c2=5, c3=3, c4=4". */
    private static String describe(Map<String, BigDecimal> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((name, value) -> out.append(out.length() > 0 ? ", " : "").append(name).append('=')
                .append(value.toPlainString()));
        return out.toString();
    }

    private static BigDecimal v(FormRow row, int column) {
        return row.value(column);
    }
}
